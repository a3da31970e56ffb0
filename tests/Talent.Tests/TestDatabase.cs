using Longgang.Platform.Testing;
using Longgang.Talent.Data;

namespace Longgang.Talent.Tests;

internal sealed class TestDatabase() : SqliteTestDatabase<TalentDbContext>(options => new TalentDbContext(options));
