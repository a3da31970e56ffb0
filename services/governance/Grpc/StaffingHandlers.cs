using Google.Protobuf.WellKnownTypes;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using DomainHeadcount = Longgang.Governance.Domain.DepartmentHeadcount;
using DomainPost = Longgang.Governance.Domain.Post;
using DomainSecondment = Longgang.Governance.Domain.Secondment;
using Post = Longgang.Governance.Contracts.V1.Post;
using PostKind = Longgang.Governance.Domain.PostKind;
using Secondment = Longgang.Governance.Contracts.V1.Secondment;

namespace Longgang.Governance.Grpc;

/// <summary>Posts (一人多岗), secondments (下沉), department headcounts and the one-third report.</summary>
public sealed class StaffingHandlers(GovernanceDbContext db, TimeProvider clock)
{
    // ---- posts --------------------------------------------------------------------------------------

    public async Task<ListPostsResponse> ListPostsAsync(ListPostsRequest request, Caller caller, CancellationToken ct)
    {
        var validator = new Validator().RequirePage(request.PageSize, request.PageToken, out var paging);
        var kind = validator.Enum<PostKind>(request.HasKind, request.Kind, "kind");
        validator.ThrowIfInvalid();
        var district = GovernanceAccess.DirectoryListScope(caller, request.HasDistrictCode ? request.DistrictCode : null);
        var today = Today();
        var posts = db.Posts.AsNoTracking();
        if (district is not null) posts = posts.Where(p => p.DistrictCode == district);
        if (kind is not null) posts = posts.Where(p => p.Kind == kind);
        if (request.HasPersonId) posts = posts.Where(p => p.PersonId == request.PersonId);
        if (request.HasGridCode) posts = posts.Where(p => p.GridCode == request.GridCode);
        if (request.HasCommunityCode) posts = posts.Where(p => p.CommunityCode == request.CommunityCode);
        if (request.HasModuleCode) posts = posts.Where(p => p.ModuleCode == request.ModuleCode);
        if (request.HasActive)
        {
            posts = request.Active
                ? posts.Where(DomainPost.ActiveOn(today))
                : posts.Where(p => p.HeldFrom > today || (p.HeldUntil != null && p.HeldUntil < today));
        }

        if (ListFilters.Query(request.HasQuery, request.Query) is { } query)
            posts = posts.Where(p => p.Name.ToLower().Contains(query) || p.PersonId.ToLower().Contains(query));
        var page = await posts.OrderBy(p => p.Name).ThenBy(p => p.Kind).ThenBy(p => p.Id).ToPageAsync(paging, ct);
        return new ListPostsResponse
        {
            Posts = { page.Items.Select(p => GovernanceMapping.ToProto(p, today)) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public async Task<Post> AddPostAsync(AddPostRequest request, Caller caller, CancellationToken ct)
    {
        var kind = ProtoEnums.ToDomain<PostKind>(request.Kind);
        var place = await PlaceAsync(kind, request, ct);
        DomainPost.EnsureMayChangePosts(caller, place.DistrictCode); // who before parsing the date
        var from = RequestParsing.Date(request.HasHeldFrom ? request.HeldFrom : null, "heldFrom") ?? Today();
        var personId = request.PersonId.Trim();
        var today = Today();
        var draft = new PostDraft(kind, Optional(request.HasDistrictCode, request.DistrictCode), Optional(request.HasGridCode, request.GridCode),
            Optional(request.HasCommunityCode, request.CommunityCode), Optional(request.HasModuleCode, request.ModuleCode), request.PersonId, request.Name, from);
        var held = await db.PostsHeldOn(today).AnyAsync(p => p.PersonId == personId && p.Kind == kind && p.DistrictCode == place.DistrictCode
            && p.GridCode == draft.GridCode && p.ModuleCode == (kind == PostKind.Module ? draft.ModuleCode : null)
            && (kind != PostKind.Community || p.CommunityCode == place.CommunityCode), ct);
        var post = DomainPost.Add(draft, place, held, caller);
        db.Posts.Add(post);
        await db.SaveOrConflictAsync("The post was given by someone else at the same moment.", ct);
        return GovernanceMapping.ToProto(post, today);
    }

    public async Task<Post> DeactivatePostAsync(DeactivatePostRequest request, Caller caller, CancellationToken ct)
    {
        var id = RequestParsing.Id(request.Id, "id", "a post id");
        var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Post", request.Id);
        DomainPost.EnsureMayChangePosts(caller, post.DistrictCode); // who before parsing the date
        post.Deactivate(caller, RequestParsing.Date(request.LastDay, "lastDay"));
        await db.SaveOrConflictAsync("The post was changed by someone else at the same moment.", ct);
        return GovernanceMapping.ToProto(post, Today());
    }

    /// <summary>Where the draft's place lies: a grid or community from the directory, else the district named.</summary>
    private async Task<PostPlace> PlaceAsync(PostKind? kind, AddPostRequest request, CancellationToken ct)
    {
        switch (kind)
        {
            case PostKind.GridTeam when request.HasGridCode:
                var grid = await db.Grids.AsNoTracking().FirstOrDefaultAsync(g => g.Code == request.GridCode, ct);
                return new PostPlace(grid?.DistrictCode, grid?.CommunityCode);
            case PostKind.Community when request.HasCommunityCode:
                var community = await db.Communities.AsNoTracking().FirstOrDefaultAsync(c => c.Code == request.CommunityCode, ct);
                return new PostPlace(community?.DistrictCode, community?.Code);
            case PostKind.Module or PostKind.DistrictOffice when request.HasDistrictCode:
                var known = await db.Districts.AnyAsync(d => d.Code == request.DistrictCode, ct);
                return new PostPlace(known ? request.DistrictCode : null, null);
            default:
                return new PostPlace(null, null);
        }
    }

    // ---- headcounts and secondments -----------------------------------------------------------------

    public async Task<Contracts.V1.DepartmentHeadcount> SetHeadcountAsync(SetDepartmentHeadcountRequest request, Caller caller, CancellationToken ct)
    {
        DomainHeadcount.EnsureMaySet(caller);
        var code = request.DepartmentCode;
        var today = Today();
        var existing = await db.DepartmentHeadcounts.FirstOrDefaultAsync(d => d.DepartmentCode == code, ct);
        var row = DomainHeadcount.Set(existing, code, request.Headcount, await db.SecondedCountAsync(code, today, ct), today, caller, clock.GetUtcNow());
        if (existing is null) db.DepartmentHeadcounts.Add(row);
        await db.SaveOrConflictAsync("The headcount was set by someone else at the same moment; read it again and retry.", ct);
        return ToProto(row);
    }

    public async Task<Secondment> StartSecondmentAsync(StartSecondmentRequest request, Caller caller, CancellationToken ct)
    {
        var districtKnown = await db.Districts.AnyAsync(d => d.Code == request.DistrictCode, ct);
        DomainSecondment.EnsureMayChange(caller, districtKnown ? request.DistrictCode : null); // who before parsing the dates
        var from = RequestParsing.Date(request.From, "from");
        var until = RequestParsing.Date(request.HasUntil ? request.Until : null, "until");
        var personId = request.PersonId.Trim();
        var others = await db.Secondments.AsNoTracking().Where(s => s.PersonId == personId).ToListAsync(ct);
        var secondment = DomainSecondment.Start(new SecondmentDraft(request.PersonId, request.Name, request.HomeDepartmentCode, request.DistrictCode,
            request.ModuleCode, from, until), districtKnown, others, caller);
        db.Secondments.Add(secondment);
        db.Posts.Add(DomainPost.OfSecondment(secondment));
        await db.SaveOrConflictAsync("The person's secondment was changed by someone else at the same moment.", ct);
        return GovernanceMapping.ToProto(secondment, Today());
    }

    /// <summary>Ends it, and warns (SecondmentTargetMissed) when the department drops below one third from the next day.</summary>
    public async Task<Secondment> EndSecondmentAsync(EndSecondmentRequest request, Caller caller, CancellationToken ct)
    {
        var (secondment, post) = await LoadAsync(request.Id, ct);
        DomainSecondment.EnsureMayChange(caller, secondment.DistrictCode); // who before parsing the date
        var lastDay = RequestParsing.Date(request.LastDay, "lastDay");
        // the first day without the person: it counts against the department only if they would have been there
        var firstDayWithout = lastDay?.AddDays(1);
        var wouldHaveRun = firstDayWithout is { } day && secondment.RunsOn(day);
        secondment.End(caller, lastDay, post);
        if (wouldHaveRun)
        {
            var before = await db.SecondedCountAsync(secondment.HomeDepartmentCode, firstDayWithout!.Value, ct); // as stored, still with them
            var headcount = await db.DepartmentHeadcounts.FirstOrDefaultAsync(d => d.DepartmentCode == secondment.HomeDepartmentCode, ct);
            headcount?.NoteSecondedChange(before, before - 1, firstDayWithout.Value, clock.GetUtcNow());
        }

        await db.SaveOrConflictAsync("The secondment was changed by someone else at the same moment; read it again and retry.", ct);
        return GovernanceMapping.ToProto(secondment, Today());
    }

    /// <summary>Ends this one the day before and starts the next; the department's count does not change.</summary>
    public async Task<Secondment> TransferSecondmentAsync(TransferSecondmentRequest request, Caller caller, CancellationToken ct)
    {
        var (secondment, post) = await LoadAsync(request.Id, ct);
        var districtKnown = await db.Districts.AnyAsync(d => d.Code == request.DistrictCode, ct);
        DomainSecondment.EnsureMayChange(caller, secondment.DistrictCode); // who before parsing the date
        var on = RequestParsing.Date(request.StartsOn, "startsOn");
        var others = await db.Secondments.AsNoTracking().Where(s => s.PersonId == secondment.PersonId).ToListAsync(ct);
        var next = secondment.TransferTo(caller, request.DistrictCode, districtKnown, request.ModuleCode, on, post, others);
        db.Secondments.Add(next);
        db.Posts.Add(DomainPost.OfSecondment(next));
        await db.SaveOrConflictAsync("The secondment was changed by someone else at the same moment; read it again and retry.", ct);
        return GovernanceMapping.ToProto(next, Today());
    }

    private async Task<(DomainSecondment Secondment, DomainPost Post)> LoadAsync(string id, CancellationToken ct)
    {
        var secondmentId = RequestParsing.Id(id, "id", "a secondment id");
        var secondment = await db.Secondments.FirstOrDefaultAsync(s => s.Id == secondmentId, ct) ?? throw new NotFoundException("Secondment", id);
        var post = await db.Posts.FirstAsync(p => p.SecondmentId == secondmentId, ct);
        return (secondment, post);
    }

    // ---- the one-third report -----------------------------------------------------------------------

    public async Task<SecondmentReport> GetReportAsync(GetSecondmentReportRequest request, Caller caller, CancellationToken ct)
    {
        var department = GovernanceAccess.SecondmentReportScope(caller, request.HasDepartmentCode ? request.DepartmentCode : null);
        var validator = new Validator();
        var day = validator.Date(request.HasDay, request.Day, "day") ?? Today();
        validator.ThrowIfInvalid();
        return ToProto(day, await db.SecondmentReportLinesAsync(department, day, ct));
    }

    /// <summary>The secondment report's shape, which the district dashboard shows as its staff part.</summary>
    internal static SecondmentReport ToProto(DateOnly day, IReadOnlyList<Domain.SecondmentReportLine> lines) => new()
    {
        Day = RequestParsing.Text(day),
        TargetShare = 1.0 / 3,
        Departments =
        {
            lines.Select(l => new Contracts.V1.SecondmentReportLine
            {
                DepartmentCode = l.DepartmentCode,
                DepartmentName = DepartmentName(l.DepartmentCode),
                Headcount = l.Headcount,
                Seconded = l.Seconded,
                Share = Math.Round(l.Share, 4),
                MeetsTarget = l.MeetsTarget,
                Shortfall = l.Shortfall,
            }),
        },
        BelowTarget = lines.Count(l => !l.MeetsTarget),
    };

    private Contracts.V1.DepartmentHeadcount ToProto(DomainHeadcount d) => new()
    {
        DepartmentCode = d.DepartmentCode,
        DepartmentName = DepartmentName(d.DepartmentCode),
        Headcount = d.Headcount,
        UpdatedAt = Timestamp.FromDateTimeOffset(d.UpdatedAt),
        UpdatedBy = d.UpdatedBy,
    };

    private static string DepartmentName(string code) => ReferenceData.DepartmentName(code, System.Globalization.CultureInfo.CurrentCulture) ?? code;

    private DateOnly Today() => WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());

    private static string? Optional(bool given, string value) => given && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
