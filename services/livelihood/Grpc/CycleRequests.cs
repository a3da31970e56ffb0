using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using DomainCycle = Longgang.Livelihood.Domain.Cycle;
using ProtoCycle = Longgang.Livelihood.Contracts.V1.Cycle;

namespace Longgang.Livelihood.Grpc;

/// <summary>The yearly cycle: run by the livelihood office, seen by deputies and departments (see <see cref="LivelihoodAccess"/>).</summary>
public sealed class CycleRequests(LivelihoodDbContext db, TimeProvider clock, PlatformText text)
{
    public async Task<ProtoCycle> OpenAsync(OpenCycleRequest request, Caller caller, CancellationToken ct)
    {
        LivelihoodAccess.EnsureOffice(caller);
        var rules = new CycleRules(request.Year, ProtoEnums.ToDomain<Domain.BallotKind>(request.BallotKind), request.Slots, request.MinimumSupport,
            [.. request.CategoryEnvelopes.Select(LivelihoodMapping.CategoryEnvelope)],
            [.. request.DistrictEnvelopes.Select(e => new Domain.Envelope(e.Key, e.LimitYuan))]);
        var cycle = DomainCycle.Open(rules, clock.GetUtcNow());
        var alreadyOpen = new LocalText("The {0} cycle is already open.", cycle.Year);
        if (await db.Cycles.AnyAsync(c => c.Year == cycle.Year, ct)) throw new ConflictException(alreadyOpen.Text, alreadyOpen.Args);
        db.Cycles.Add(cycle);
        await db.SaveRefusingDuplicatesAsync(alreadyOpen, ct);
        return LivelihoodMapping.ToProto(cycle, 0, text);
    }

    public async Task<ProtoCycle> GetAsync(GetCycleRequest request, Caller caller, CancellationToken ct)
    {
        LivelihoodAccess.EnsureMaySeeCycle(caller);
        return await ToProtoAsync(await db.FindCycleAsync(request.Year, ct), ct);
    }

    public async Task<ListCyclesResponse> ListAsync(ListCyclesRequest request, Caller caller, CancellationToken ct)
    {
        LivelihoodAccess.EnsureMaySeeCycle(caller);
        new Validator()
            .Require(!request.HasPhase || ProtoEnums.ToDomain<Domain.CyclePhase>(request.Phase) is not null, "phase", "must be a cycle phase")
            .RequirePage(request.PageSize, request.PageToken, out var paging)
            .ThrowIfInvalid();
        var query = db.Cycles.AsNoTracking();
        if (request.HasPhase)
        {
            var phase = ProtoEnums.ToDomain<Domain.CyclePhase>(request.Phase)!.Value;
            query = query.Where(c => c.Phase == phase);
        }
        var page = await query.OrderByDescending(c => c.Year).ToPageAsync(paging, ct);
        var years = page.Items.Select(c => c.Year).ToList();
        var ballots = await db.Ballots.Where(b => years.Contains(b.Year)).GroupBy(b => b.Year)
            .Select(g => new { Year = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Year, g => g.Count, ct);
        return new ListCyclesResponse
        {
            Cycles = { page.Items.Select(c => LivelihoodMapping.ToProto(c, ballots.GetValueOrDefault(c.Year), text)) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public async Task<ProtoCycle> AdvanceAsync(AdvanceCycleRequest request, Caller caller, CancellationToken ct)
    {
        LivelihoodAccess.EnsureOffice(caller);
        var to = ProtoEnums.ToDomain<Domain.CyclePhase>(request.Phase) ?? throw new ValidationFailedException("phase", "is required, the next phase");
        var cycle = await db.FindCycleAsync(request.Year, ct);
        var projects = await db.Projects.Where(p => p.Year == cycle.Year || p.CarriedOverToYear == cycle.Year).ToListAsync(ct);
        cycle.Advance(to, projects, clock.GetUtcNow());
        await db.SaveAsync(ct);
        return await ToProtoAsync(cycle, ct);
    }

    public async Task<ProtoCycle> SetBudgetAsync(SetBudgetRequest request, Caller caller, CancellationToken ct)
    {
        LivelihoodAccess.EnsureOffice(caller);
        var cycle = await db.FindCycleAsync(request.Year, ct);
        cycle.SetBudget(LivelihoodMapping.Figures(request.LivelihoodSpendingYuan, request.PreviousLivelihoodSpendingYuan,
            request.FiscalCapacityYuan, request.PreviousFiscalCapacityYuan), request.ProjectsBudgetYuan);
        await db.SaveAsync(ct);
        return await ToProtoAsync(cycle, ct);
    }

    public async Task<ProtoCycle> RecordFinalAccountsAsync(RecordFinalAccountsRequest request, Caller caller, CancellationToken ct)
    {
        LivelihoodAccess.EnsureOffice(caller);
        var cycle = await db.FindCycleAsync(request.Year, ct);
        cycle.RecordFinalAccounts(LivelihoodMapping.Figures(request.LivelihoodSpendingYuan, request.PreviousLivelihoodSpendingYuan,
            request.FiscalCapacityYuan, request.PreviousFiscalCapacityYuan));
        await db.SaveAsync(ct);
        return await ToProtoAsync(cycle, ct);
    }

    private async Task<ProtoCycle> ToProtoAsync(DomainCycle cycle, CancellationToken ct) =>
        LivelihoodMapping.ToProto(cycle, await db.BallotsCastAsync(cycle.Year, ct), text);
}
