using Longgang.Platform.Data;

namespace Longgang.Approvals.Data;

/// <summary>The PostgreSQL model that <c>dotnet ef migrations add</c> and the CI model check compare with the migrations.</summary>
public sealed class ApprovalsDesignTimeFactory : NpgsqlDesignTimeFactory<ApprovalsDbContext>;
