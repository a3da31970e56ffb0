using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longgang.Governance.Indicators;

/// <summary>The statistics grants' table (applied by GovernanceDbContext).</summary>
public sealed class StatisticsGrantModel : IEntityTypeConfiguration<StatisticsGrant>
{
    public void Configure(EntityTypeBuilder<StatisticsGrant> e)
    {
        e.ToTable("statistics_grants");
        e.HasKey(g => g.Id);
        e.Property(g => g.Id).ValueGeneratedNever();
        e.Property(g => g.Subject).HasMaxLength(StatisticsGrant.MaxSubjectLength);
        e.Property(g => g.GrantedBy).HasMaxLength(64);
        e.Property(g => g.RevokedBy).HasMaxLength(64);
        // every indicator call looks up the caller's live grant
        e.HasIndex(g => new { g.Subject, g.RevokedAt });
        e.HasIndex(g => new { g.GrantedAt, g.Id });
    }
}

/// <summary>The indicators' actuals: one row per indicator and year.</summary>
public sealed class CityIndicatorActualModel : IEntityTypeConfiguration<CityIndicatorActual>
{
    public void Configure(EntityTypeBuilder<CityIndicatorActual> e)
    {
        e.ToTable("city_indicator_actuals");
        e.HasKey(a => new { a.IndicatorCode, a.Year });
        e.Property(a => a.IndicatorCode).HasMaxLength(32);
        e.Property(a => a.Source).HasMaxLength(CityIndicatorActual.MaxSourceLength * 2);
        e.Property(a => a.RecordedBy).HasMaxLength(64);
    }
}
