using Grpc.Core;
using Longgang.Platform.Privacy;
using Longgang.Platform.Security;
using Longgang.Talent.Data;
using Longgang.Talent.Contracts.V1;
using Microsoft.AspNetCore.Authorization;
using ProtoCertification = Longgang.Talent.Contracts.V1.Certification;
using ProtoClaim = Longgang.Talent.Contracts.V1.Claim;
using ProtoPosition = Longgang.Talent.Contracts.V1.Position;
using ProtoPositionApplication = Longgang.Talent.Contracts.V1.PositionApplication;
using ProtoProgramme = Longgang.Talent.Contracts.V1.Programme;

namespace Longgang.Talent.Grpc;

/// <summary>
/// The talent API (one proto service): each call goes to the class of its resource with the caller. Those classes
/// parse, load, let the domain decide and save the change with its events; rules live in <see cref="Domain"/>.
/// </summary>
public sealed class TalentGrpcService(
    CertificationRequests certifications, ObjectionRequests objections, ProgrammeRequests programmes, ClaimRequests claims,
    PositionRequests positions, PositionApplicationRequests positionApplications, TalentReports reports,
    MyDataRequests myData, PersonalDataReadRecorder<TalentDbContext> reads)
    : TalentService.TalentServiceBase
{
    // ---- certifications and objections -----------------------------------------------------------

    public override Task<ListTiersResponse> ListTiers(ListTiersRequest request, ServerCallContext context) =>
        certifications.ListTiersAsync(context.CancellationToken);

    public override Task<ProtoCertification> ApplyForCertification(ApplyForCertificationRequest request, ServerCallContext context) =>
        certifications.ApplyAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ListCertificationsResponse> ListCertifications(ListCertificationsRequest request, ServerCallContext context) =>
        certifications.ListAsync(request, context.GetCaller(), context.CancellationToken);

    public override async Task<ProtoCertification> GetCertification(GetCertificationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var certification = await certifications.GetAsync(request, caller, context.CancellationToken);
        await reads.RecordAsync(context, caller, certification.ApplicantId, MyDataRequests.CertificationRecord, certification.Id);
        return certification;
    }

    public override Task<ProtoCertification> ReviewAsEmployer(ReviewCertificationRequest request, ServerCallContext context) =>
        certifications.ReviewAsEmployerAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoCertification> ReviewPreliminarily(ReviewCertificationRequest request, ServerCallContext context) =>
        certifications.ReviewPreliminarilyAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoCertification> AddCertificationMaterial(AddCertificationMaterialRequest request, ServerCallContext context) =>
        certifications.AddMaterialAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoCertification> ReviewFinally(ReviewCertificationRequest request, ServerCallContext context) =>
        certifications.ReviewFinallyAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<LodgeObjectionResponse> LodgeObjection(LodgeObjectionRequest request, ServerCallContext context) =>
        objections.LodgeAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoCertification> RuleOnObjection(RuleOnObjectionRequest request, ServerCallContext context) =>
        objections.RuleAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoCertification> Certify(CertifyRequest request, ServerCallContext context) =>
        certifications.CertifyAsync(request, context.GetCaller(), context.CancellationToken);

    [AllowAnonymous]
    public override Task<ListNoticesResponse> ListNotices(ListNoticesRequest request, ServerCallContext context) =>
        certifications.ListNoticesAsync(request, context.CancellationToken);

    [AllowAnonymous]
    public override Task<CertifiedCounts> GetCertifiedCounts(GetCertifiedCountsRequest request, ServerCallContext context) =>
        reports.GetCertifiedCountsAsync(context.CancellationToken);

    // ---- programmes and claims -------------------------------------------------------------------

    public override Task<ProtoProgramme> CreateProgramme(CreateProgrammeRequest request, ServerCallContext context) =>
        programmes.CreateAsync(request, context.GetCaller(), context.CancellationToken);

    [AllowAnonymous]
    public override Task<ListProgrammesResponse> ListProgrammes(ListProgrammesRequest request, ServerCallContext context) =>
        programmes.ListAsync(request, context.CancellationToken);

    [AllowAnonymous]
    public override Task<ProtoProgramme> GetProgramme(GetProgrammeRequest request, ServerCallContext context) =>
        programmes.GetAsync(request, context.CancellationToken);

    public override Task<ProtoClaim> SubmitClaim(SubmitClaimRequest request, ServerCallContext context) =>
        claims.SubmitAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ListClaimsResponse> ListClaims(ListClaimsRequest request, ServerCallContext context) =>
        claims.ListAsync(request, context.GetCaller(), context.CancellationToken);

    public override async Task<ProtoClaim> GetClaim(GetClaimRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var claim = await claims.GetAsync(request, caller, context.CancellationToken);
        await reads.RecordAsync(context, caller, claim.ApplicantId, MyDataRequests.ClaimRecord, claim.Id);
        return claim;
    }

    public override Task<ProtoClaim> RecordPayment(RecordPaymentRequest request, ServerCallContext context) =>
        claims.RecordPaymentAsync(request, context.GetCaller(), context.CancellationToken);

    // ---- positions and their applications --------------------------------------------------------

    public override Task<ProtoPosition> PostPosition(PostPositionRequest request, ServerCallContext context) =>
        positions.PostAsync(request, context.GetCaller(), context.CancellationToken);

    [AllowAnonymous]
    public override Task<ListPositionsResponse> ListPositions(ListPositionsRequest request, ServerCallContext context) =>
        positions.ListAsync(request, context.CancellationToken);

    public override Task<ProtoPosition> GetPosition(GetPositionRequest request, ServerCallContext context)
    {
        context.GetCaller(); // any caller with a role reads positions
        return positions.GetAsync(request, context.CancellationToken);
    }

    public override Task<ProtoPositionApplication> ApplyForPosition(ApplyForPositionRequest request, ServerCallContext context) =>
        positionApplications.ApplyAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ListPositionApplicationsResponse> ListPositionApplications(ListPositionApplicationsRequest request, ServerCallContext context) =>
        positionApplications.ListAsync(request, context.GetCaller(), context.CancellationToken);

    public override async Task<ProtoPositionApplication> GetPositionApplication(GetPositionApplicationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var application = await positionApplications.GetAsync(request, caller, context.CancellationToken);
        await reads.RecordAsync(context, caller, application.CandidateId, MyDataRequests.PositionApplicationRecord, application.Id);
        return application;
    }

    public override Task<ProtoPositionApplication> AdvancePositionApplication(AdvancePositionApplicationRequest request, ServerCallContext context) =>
        positionApplications.AdvanceAsync(request, context.GetCaller(), context.CancellationToken);

    // ---- reports ---------------------------------------------------------------------------------

    public override Task<TalentReport> GetTalentReport(GetTalentReportRequest request, ServerCallContext context) =>
        reports.GetTalentReportAsync(context.GetCaller(), context.CancellationToken);

    // ---- the citizen's own data ------------------------------------------------------------------

    public override Task<MyData> GetMyData(GetMyDataRequest request, ServerCallContext context) =>
        myData.GetAsync(context.GetCaller(), context.CancellationToken);

    public override Task<ListMyDataReadsResponse> ListMyDataReads(ListMyDataReadsRequest request, ServerCallContext context) =>
        myData.ListReadsAsync(request, context.GetCaller(), context.CancellationToken);
}
