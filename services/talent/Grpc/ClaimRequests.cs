using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Longgang.Talent.Domain;
using Microsoft.EntityFrameworkCore;
using ProtoClaim = Longgang.Talent.Contracts.V1.Claim;

namespace Longgang.Talent.Grpc;

/// <summary>
/// Entitlement claims: submitting one (which commits its amount against the programme's budget and asks approvals for
/// an application), reading it and recording its payment. Approvals' decisions reach claims through the consumers.
/// </summary>
public sealed class ClaimRequests(TalentDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Validates the claim, commits its amount against the budget (a conditional UPDATE), stores it and asks approvals to
    /// open the application, all in one transaction: a claim refused at any point leaves the budget as it was.
    /// </summary>
    public async Task<ProtoClaim> SubmitAsync(SubmitClaimRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var code = request.ProgrammeCode.Trim().ToUpperInvariant();
        var programme = code.Length == 0 ? null : await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, cancellationToken);
        // a malformed id finds nothing here; the domain names the field
        var certification = Guid.TryParse(request.CertificationId, out var certificationId)
            ? await db.Certifications.AsNoTracking().FirstOrDefaultAsync(c => c.Id == certificationId, cancellationToken)
            : null;
        var claim = EntitlementClaim.Submit(programme, certification,
            new ClaimDraft(request.ProgrammeCode, request.CertificationId, request.ResidesInCity, request.Materials), caller, clock.GetUtcNow());

        const string alreadyClaimed = "You already have a claim on this programme for this period.";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Claims.AnyAsync(c => c.OpenKey == claim.OpenKey, cancellationToken))
            throw new ConflictException(alreadyClaimed);
        if (!await db.TryCommitBudgetAsync(claim.ProgrammeCode, claim.Amount, cancellationToken))
            throw new ConflictException("Programme {0} has not enough budget left for {1} yuan.", claim.ProgrammeCode, claim.Amount);
        db.Claims.Add(claim);
        await db.SaveOrConflictAsync(alreadyClaimed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TalentMapping.ToProto(claim);
    }

    public async Task<ListClaimsResponse> ListAsync(ListClaimsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var applicant = ClaimAccess.ListScope(caller, request.HasApplicantId ? request.ApplicantId : null);
        new Validator()
            .RequirePage(request.PageSize, request.PageToken, out var paging)
            .Require(ProtoEnums.TryFilter<Domain.ClaimStatus>(request.Status, out var status), "status", "is not a known status")
            .ThrowIfInvalid();
        var query = db.Claims.AsNoTracking();
        if (applicant is not null) query = query.Where(c => c.ApplicantId == applicant);
        if (request.HasApplicantId) query = query.Where(c => c.ApplicantId == request.ApplicantId);
        if (status is not null) query = query.Where(c => c.Status == status);
        if (request.HasProgrammeCode)
        {
            var code = request.ProgrammeCode.Trim().ToUpperInvariant();
            query = query.Where(c => c.ProgrammeCode == code);
        }

        var page = await query.OrderBy(c => c.SubmittedAt).ThenBy(c => c.Id).ToPageAsync(paging, cancellationToken);
        return new ListClaimsResponse
        {
            Claims = { page.Items.Select(TalentMapping.ToProto) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public async Task<ProtoClaim> GetAsync(GetClaimRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var claim = await FindAsync(request.Id, tracked: false, cancellationToken);
        if (!ClaimAccess.CanSee(caller, claim))
            throw new ForbiddenException("This claim belongs to another applicant.");
        return TalentMapping.ToProto(claim);
    }

    public async Task<ProtoClaim> RecordPaymentAsync(RecordPaymentRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var claim = await FindAsync(request.Id, tracked: true, cancellationToken);
        // the date is parsed here, before the domain sees it: so who may record a payment is asked here first, as every
        // transition does, and a refused caller learns nothing about the input
        CertificationAccess.EnsureTalentOffice(caller);
        claim.RecordPayment(RequestParsing.Date(request.PaidOn, "paidOn"), request.Reference, caller, clock.GetUtcNow());

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AddPaidAsync(claim.ProgrammeCode, claim.Amount, cancellationToken);
        await db.SaveOrConflictAsync("The claim was changed by someone else at the same moment; read it again and retry.", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TalentMapping.ToProto(claim);
    }

    private async Task<EntitlementClaim> FindAsync(string id, bool tracked, CancellationToken cancellationToken)
    {
        var claimId = RequestParsing.Id(id, "id", "a claim id");
        var query = tracked ? db.Claims : db.Claims.AsNoTracking();
        return await query.FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken) ?? throw new NotFoundException("Claim", id);
    }
}
