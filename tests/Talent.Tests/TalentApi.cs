using Longgang.Platform.Calendar;
using Longgang.Talent.Data;
using Longgang.Talent.Grpc;

namespace Longgang.Talent.Tests;

/// <summary>The service's request classes over one context and clock, wired as the service's container wires them.</summary>
internal sealed class TalentApi(TalentDbContext db, TimeProvider clock)
{
    public CertificationRequests Certifications { get; } = new(db, clock, WorkingDayCalendar.Official, TestText.Instance);
    public ObjectionRequests Objections => new(Certifications, clock);
    public ProgrammeRequests Programmes { get; } = new(db, TestText.Instance);
    public ClaimRequests Claims { get; } = new(db, clock);
    public PositionRequests Positions { get; } = new(db, clock);
    public PositionApplicationRequests PositionApplications => new(db, clock, Positions);
    public TalentReports Reports { get; } = new(db);
}
