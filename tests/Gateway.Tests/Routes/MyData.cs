using Longgang.Platform;

namespace Longgang.Gateway.Tests;

// "My data" (issue 24): each service's GetMyData and ListMyDataReads, and the gateway's composition of them
// (GET /api/v1/me/data and its :download). Their rows of the authorization matrix and their cases of the bad-input
// corpus; see the comments at the top of Routes/Approvals.cs. A citizen's own data is theirs alone: every other role is
// refused, and the citizen's answers may hold nothing of the foreign side (the matrix's leak check).

internal static partial class AuthorizationMatrix
{
    //                                                  citizen clerk super grid  admin deputy city   empl  talent livelihood
    private static Route[] MyDataRoutes() =>
    [
        .. MyDataServices.SelectMany(service => new[]
        {
            new Route($"{service.Tag}.GetMyData",       "OO      FF    FF    FF    FF    FF     FF    FF    FF    FF",
                (f, c, w, _) => Get($"/api/{service.Name}/v1/my-data")),
            // whose reads: the side's citizen, so a citizen naming the other side's is refused; city admins list anyone's
            new Route($"{service.Tag}.ListMyDataReads", "OF      FF    FF    FF    FF    FF     OO    FF    FF    FF",
                (f, c, w, _) => Get($"/api/{service.Name}/v1/my-data-reads?citizenId={w.CitizenId}")),
        }),
        new("MyData.GetMyData",                         "OO      FF    FF    FF    FF    FF     FF    FF    FF    FF",
            (f, c, w, _) => Get(MyDataComposition.Path)),
        new("MyData.DownloadMyData",                    "OO      FF    FF    FF    FF    FF     FF    FF    FF    FF",
            (f, c, w, _) => Get(MyDataComposition.DownloadPath)),
    ];

    internal static readonly (string Name, string Tag)[] MyDataServices =
        [("approvals", "ApprovalsService"), ("governance", "GovernanceService"), ("talent", "TalentService"), ("livelihood", "LivelihoodService")];
}

internal static partial class Corpus
{
    private static void MyDataCases(CorpusCases cases)
    {
        foreach (var (name, tag) in AuthorizationMatrix.MyDataServices)
        {
            var myData = $"{tag}.GetMyData";
            var path = $"/api/{name}/v1/my-data";
            cases.Get(myData, "a-clerk-has-no-own-data-here", "clerk", path, 403, "只有公民本人");
            cases.Get(myData, "a-city-admin-is-refused-too", "city-admin", path, 403, "只有公民本人");
            cases.Get(myData, "unknown-parameter", "citizen", $"{path}?citizenId=citizen-stranger", 400, "citizenId");
            cases.Get(myData, "anonymous", "anonymous", path, 401, null);

            var reads = $"{tag}.ListMyDataReads";
            var readsPath = $"/api/{name}/v1/my-data-reads";
            cases.Get(reads, "another-citizen-named", "citizen", $"{readsPath}?citizenId=citizen-stranger", 403, "本人数据的查阅记录");
            cases.Get(reads, "a-clerk-is-refused", "clerk", readsPath, 403, "个人信息查阅记录");
            cases.Get(reads, "pageSize-negative", "citizen", $"{readsPath}?pageSize=-1", 400, "pageSize");
            cases.Get(reads, "pageToken-forged", "citizen", $"{readsPath}?pageToken=not-a-token", 400, "pageToken");
            cases.Get(reads, "citizenId-repeated", "city-admin", $"{readsPath}?citizenId=a&citizenId=b", 400, "citizenId");
            cases.Get(reads, "nul-character-in-filter", "city-admin", $"{readsPath}?citizenId=citizen%00x", 400, "citizenId");
        }

        foreach (var (route, path) in new[] { ("MyData.GetMyData", MyDataComposition.Path), ("MyData.DownloadMyData", MyDataComposition.DownloadPath) })
        {
            cases.Get(route, "a-clerk-is-refused", "clerk", path, 403, "只有公民本人");
            cases.Get(route, "a-grid-worker-cannot-ask-for-a-citizen", "grid", path, 403, "只有公民本人");
            cases.Get(route, "unknown-parameter", "citizen", $"{path}?citizenId=citizen-stranger", 400, "citizenId");
            cases.Get(route, "anonymous", "anonymous", path, 401, null);
            cases.Get(route, "expired-token", "expired-token", path, 401, null);
        }
    }
}
