using Grpc.Core;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Indicators;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Privacy;
using Longgang.Platform.Security;
using ProtoCase = Longgang.Governance.Contracts.V1.Case;
using ProtoDistrict = Longgang.Governance.Contracts.V1.District;
using ProtoMeeting = Longgang.Governance.Contracts.V1.DeliberationMeeting;

namespace Longgang.Governance.Grpc;

/// <summary>
/// The governance API: each call goes to the handler of its resource (districts, cases, grid teams, meetings,
/// mediations) with the caller. Rules live in the domain; the handlers parse, load, let the domain decide and save.
/// </summary>
public sealed class GovernanceGrpcService(
    DistrictHandlers districts, CaseHandlers cases, GridTeamHandlers teams, StaffingHandlers staffing, MeetingHandlers meetings,
    MediationHandlers mediations, ServiceComplexHandlers complex, Dashboards.DashboardHandlers dashboards, CityIndicatorHandlers indicators,
    WorkingDayCalendar calendar, MyDataRequests myData, PersonalDataReadRecorder<GovernanceDbContext> reads)
    : GovernanceService.GovernanceServiceBase
{
    // ---- districts ----------------------------------------------------------------------------------

    public override Task<ListDistrictsResponse> ListDistricts(ListDistrictsRequest request, ServerCallContext context) =>
        districts.ListAsync(request, context.CancellationToken);

    public override Task<ProtoDistrict> GetDistrict(GetDistrictRequest request, ServerCallContext context) =>
        districts.GetAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<DistrictReport> GetDistrictReport(GetDistrictReportRequest request, ServerCallContext context) =>
        districts.GetReportAsync(request, context.GetCaller(), context.CancellationToken);

    // ---- cases --------------------------------------------------------------------------------------

    public override Task<ProtoCase> ReportCase(ReportCaseRequest request, ServerCallContext context) =>
        cases.ReportAsync(request, context.GetCaller(), context.CancellationToken);

    public override async Task<ProtoCase> GetCase(GetCaseRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var found = await cases.GetAsync(request, caller, context.CancellationToken);
        // a citizen's report (who, where, what they saw) is their personal data; a patrol's or hotline's is not theirs
        if (found.Source == CaseSource.Citizen) await reads.RecordAsync(context, caller, found.ReporterId, MyDataRequests.CaseRecord, found.Id);
        return found;
    }

    public override Task<ListCaseFilesResponse> ListCaseFiles(ListCaseFilesRequest request, ServerCallContext context) =>
        cases.ListFilesAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ListCasesResponse> ListCases(ListCasesRequest request, ServerCallContext context) =>
        cases.ListAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<VerifierSuggestion> SuggestVerifier(SuggestVerifierRequest request, ServerCallContext context) =>
        cases.SuggestVerifierAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<HandlerSuggestion> SuggestHandler(SuggestHandlerRequest request, ServerCallContext context) =>
        cases.SuggestHandlerAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoCase> ReassignCase(ReassignCaseRequest request, ServerCallContext context) =>
        cases.ReassignAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoCase> BeginVerification(CaseActionRequest request, ServerCallContext context) =>
        cases.ChangeAsync(request.Id, context.GetCaller(), (c, actor, now) => c.BeginVerification(actor, now), context.CancellationToken);

    public override Task<ProtoCase> VoidCase(CaseReasonRequest request, ServerCallContext context) =>
        cases.ChangeAsync(request.Id, context.GetCaller(), (c, actor, now) => c.Void(actor, request.Reason, now), context.CancellationToken);

    public override Task<ProtoCase> SelfResolveCase(CaseNoteRequest request, ServerCallContext context) =>
        cases.ChangeAsync(request.Id, context.GetCaller(), (c, actor, now) => c.SelfResolve(actor, request.Note, now, calendar), context.CancellationToken);

    public override Task<ProtoCase> FileCase(CaseActionRequest request, ServerCallContext context) =>
        cases.ChangeAsync(request.Id, context.GetCaller(), (c, actor, now) => c.File(actor, now), context.CancellationToken);

    public override Task<ProtoCase> DispatchCase(DispatchCaseRequest request, ServerCallContext context) =>
        cases.DispatchAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoCase> AcknowledgeCase(CaseActionRequest request, ServerCallContext context) =>
        cases.ChangeAsync(request.Id, context.GetCaller(), (c, actor, now) => c.Acknowledge(actor, now), context.CancellationToken);

    public override Task<ProtoCase> ReturnCase(CaseReasonRequest request, ServerCallContext context) =>
        cases.ChangeAsync(request.Id, context.GetCaller(), (c, actor, now) => c.Return(actor, request.Reason, now), context.CancellationToken);

    public override Task<ProtoCase> StartCaseWork(CaseActionRequest request, ServerCallContext context) =>
        cases.ChangeAsync(request.Id, context.GetCaller(), (c, actor, now) => c.StartWork(actor, now), context.CancellationToken);

    public override Task<ProtoCase> MarkCaseHandled(CaseNoteRequest request, ServerCallContext context) =>
        cases.ChangeAsync(request.Id, context.GetCaller(), (c, actor, now) => c.MarkHandled(actor, request.Note, now), context.CancellationToken);

    public override Task<ProtoCase> VerifyCaseHandling(VerifyCaseHandlingRequest request, ServerCallContext context) =>
        cases.ChangeAsync(request.Id, context.GetCaller(), (c, actor, now) =>
            c.VerifyHandling(actor, request.Passed, RequestParsing.NullIfEmpty(request.Note), now), context.CancellationToken);

    public override Task<ProtoCase> CloseCase(CloseCaseRequest request, ServerCallContext context) =>
        cases.ChangeAsync(request.Id, context.GetCaller(), (c, actor, now) =>
            c.Close(actor, ProtoEnums.ToDomain<Domain.ClosureReason>(request.Reason), now, calendar), context.CancellationToken);

    public override Task<ProtoCase> EvaluateCase(EvaluateCaseRequest request, ServerCallContext context) =>
        cases.ChangeAsync(request.Id, context.GetCaller(), (c, actor, now) =>
        {
            Domain.GovernanceAccess.EnsureMaySee(actor, c);
            c.Evaluate(actor.Caller, request.Score, RequestParsing.NullIfEmpty(request.Comment), now);
        }, context.CancellationToken);

    // ---- grid teams ---------------------------------------------------------------------------------

    public override Task<GridTeam> GetGridTeam(GetGridTeamRequest request, ServerCallContext context) =>
        teams.GetAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ListGridTeamMembersResponse> ListGridTeamMembers(ListGridTeamMembersRequest request, ServerCallContext context) =>
        teams.ListMembersAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<GridTeam> AddGridTeamMember(AddGridTeamMemberRequest request, ServerCallContext context) =>
        teams.AddMemberAsync(request, context.GetCaller(), context.CancellationToken);

    // ---- posts, secondments and the one-third rule -----------------------------------------------------

    public override Task<ListPostsResponse> ListPosts(ListPostsRequest request, ServerCallContext context) =>
        staffing.ListPostsAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<Post> AddPost(AddPostRequest request, ServerCallContext context) =>
        staffing.AddPostAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<Post> DeactivatePost(DeactivatePostRequest request, ServerCallContext context) =>
        staffing.DeactivatePostAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<DepartmentHeadcount> SetDepartmentHeadcount(SetDepartmentHeadcountRequest request, ServerCallContext context) =>
        staffing.SetHeadcountAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<Secondment> StartSecondment(StartSecondmentRequest request, ServerCallContext context) =>
        staffing.StartSecondmentAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<Secondment> EndSecondment(EndSecondmentRequest request, ServerCallContext context) =>
        staffing.EndSecondmentAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<Secondment> TransferSecondment(TransferSecondmentRequest request, ServerCallContext context) =>
        staffing.TransferSecondmentAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<SecondmentReport> GetSecondmentReport(GetSecondmentReportRequest request, ServerCallContext context) =>
        staffing.GetReportAsync(request, context.GetCaller(), context.CancellationToken);

    // ---- deliberation meetings ----------------------------------------------------------------------

    public override Task<ProtoMeeting> ScheduleMeeting(ScheduleMeetingRequest request, ServerCallContext context) =>
        meetings.ScheduleAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoMeeting> GetMeeting(GetMeetingRequest request, ServerCallContext context) =>
        meetings.GetAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ListMeetingsResponse> ListMeetings(ListMeetingsRequest request, ServerCallContext context) =>
        meetings.ListAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoMeeting> RecordMeetingOutcome(RecordMeetingOutcomeRequest request, ServerCallContext context) =>
        meetings.RecordOutcomeAsync(request, context.GetCaller(), context.CancellationToken);

    // ---- mediations ---------------------------------------------------------------------------------

    public override Task<Mediation> OpenMediation(OpenMediationRequest request, ServerCallContext context) =>
        mediations.OpenAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<Mediation> GetMediation(GetMediationRequest request, ServerCallContext context) =>
        mediations.GetAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ListMediationsResponse> ListMediations(ListMediationsRequest request, ServerCallContext context) =>
        mediations.ListAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<Mediation> ExtendMediation(ExtendMediationRequest request, ServerCallContext context) =>
        mediations.ExtendAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<Mediation> ConcludeMediation(ConcludeMediationRequest request, ServerCallContext context) =>
        mediations.ConcludeAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<Mediation> RecordMediationFollowUp(RecordMediationFollowUpRequest request, ServerCallContext context) =>
        mediations.RecordFollowUpAsync(request, context.GetCaller(), context.CancellationToken);

    // ---- the district service complex and case hotspots ---------------------------------------------

    public override Task<Room> RegisterRoom(RegisterRoomRequest request, ServerCallContext context) =>
        complex.RegisterRoomAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ListRoomsResponse> ListRooms(ListRoomsRequest request, ServerCallContext context) =>
        complex.ListRoomsAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ResidentOrganisation> RegisterOrganisation(RegisterOrganisationRequest request, ServerCallContext context) =>
        complex.RegisterOrganisationAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ListOrganisationsResponse> ListOrganisations(ListOrganisationsRequest request, ServerCallContext context) =>
        complex.ListOrganisationsAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<RoomBooking> BookRoom(BookRoomRequest request, ServerCallContext context) =>
        complex.BookRoomAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ListBookingsResponse> ListBookings(ListBookingsRequest request, ServerCallContext context) =>
        complex.ListBookingsAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<RoomBooking> CancelBooking(CancelBookingRequest request, ServerCallContext context) =>
        complex.CancelBookingAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<Consultation> ScheduleConsultation(ScheduleConsultationRequest request, ServerCallContext context) =>
        complex.ScheduleConsultationAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ConsultationReport> GetConsultationReport(GetConsultationReportRequest request, ServerCallContext context) =>
        complex.GetConsultationReportAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<Consultation> RecordConsultationConclusions(RecordConsultationConclusionsRequest request, ServerCallContext context) =>
        complex.RecordConclusionsAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ListHotspotsResponse> ListHotspots(ListHotspotsRequest request, ServerCallContext context) =>
        complex.ListHotspotsAsync(request, context.GetCaller(), context.CancellationToken);

    // ---- the citizen's own data ---------------------------------------------------------------------

    public override Task<MyData> GetMyData(GetMyDataRequest request, ServerCallContext context) =>
        myData.GetAsync(context.GetCaller(), context.CancellationToken);

    public override Task<ListMyDataReadsResponse> ListMyDataReads(ListMyDataReadsRequest request, ServerCallContext context) =>
        myData.ListReadsAsync(request, context.GetCaller(), context.CancellationToken);

    // ---- dashboards ---------------------------------------------------------------------------------

    public override Task<DistrictDashboard> GetDistrictDashboard(GetDistrictDashboardRequest request, ServerCallContext context) =>
        dashboards.GetDistrictAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<CityDashboard> GetCityDashboard(GetCityDashboardRequest request, ServerCallContext context) =>
        dashboards.GetCityAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<DashboardRebuild> RebuildDashboards(RebuildDashboardsRequest request, ServerCallContext context) =>
        dashboards.RebuildAsync(context.GetCaller(), context.CancellationToken);

    public override Task<DashboardRebuild> GetDashboardRebuild(GetDashboardRebuildRequest request, ServerCallContext context) =>
        dashboards.GetRebuildAsync(context.GetCaller(), context.CancellationToken);

    // ---- city indicators ----------------------------------------------------------------------------

    public override Task<Contracts.V1.StatisticsGrant> GrantStatisticsRole(GrantStatisticsRoleRequest request, ServerCallContext context) =>
        indicators.GrantAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ListStatisticsGrantsResponse> ListStatisticsGrants(ListStatisticsGrantsRequest request, ServerCallContext context) =>
        indicators.ListGrantsAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<Contracts.V1.StatisticsGrant> RevokeStatisticsGrant(RevokeStatisticsGrantRequest request, ServerCallContext context) =>
        indicators.RevokeAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<Contracts.V1.CityIndicatorActual> RecordCityIndicator(RecordCityIndicatorRequest request, ServerCallContext context) =>
        indicators.RecordAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<CityIndicatorReport> GetCityIndicatorReport(GetCityIndicatorReportRequest request, ServerCallContext context) =>
        indicators.GetReportAsync(request, context.GetCaller(), context.CancellationToken);
}
