using Longgang.Livelihood.Domain;
using Longgang.Platform.Errors;
using static Longgang.Livelihood.Tests.CycleWorld;

namespace Longgang.Livelihood.Tests;

public sealed class PaperBallotsTests
{
    private static readonly Guid One = Guid.NewGuid(), Two = Guid.NewGuid(), Three = Guid.NewGuid();
    private static readonly Dictionary<int, Guid> Numbers = new() { [1] = One, [2] = Two, [3] = Three };

    private static PaperBallotImport Read(string csv, BallotKind kind = BallotKind.Approval, params string[] alreadyVoted) =>
        PaperBallots.Read(csv, CycleIn(CyclePhase.Vote, kind, slots: 2), Numbers, alreadyVoted.ToHashSet());

    [Fact]
    public void Good_rows_are_read_in_the_deputys_order()
    {
        var import = Read("deputyId,choices\r\ndeputy-01,3;1\ndeputy-02, 2 \n\ndeputy-03,1 3\n");

        Assert.Empty(import.Errors);
        Assert.Equal([("deputy-01", [Three, One]), ("deputy-02", [Two]), ("deputy-03", [One, Three])],
            import.Ballots.Select(b => (b.DeputyId, b.Choices.ToArray())));
        Assert.Equal([2, 3, 5], import.Ballots.Select(b => b.Line));
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_line_and_the_good_rows_still_count()
    {
        var csv = string.Join('\n',
            "deputyId,choices",
            "deputy-01,1;2",            // 2: fine
            "deputy-02",                // 3: one field
            ",1",                       // 4: no deputy
            "deputy-03,",               // 5: no choices
            "deputy-04,1;x",            // 6: not a number
            "deputy-05,4",              // 7: not a candidate number
            "deputy-06,2;2",            // 8: repeated
            "deputy-07,1;2;3",          // 9: three approvals for two slots
            "deputy-01,3",              // 10: voted above
            "deputy-09,3",              // 11: voted in session already
            "deputy-10,1,2",            // 12: three fields
            $"{new string('d', 65)},1", // 13: deputy id too long
            "deputy-11,2");             // 14: fine

        var import = Read(csv, BallotKind.Approval, "deputy-09");

        Assert.Equal(["deputy-01", "deputy-11"], import.Ballots.Select(b => b.DeputyId));
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], import.Errors.Select(e => e.Line));
        Assert.Contains("already voted", import.Errors.Single(e => e.Line == 10).Error.ToString());
        Assert.Contains("'x'", import.Errors.Single(e => e.Line == 6).Error.ToString());
        Assert.Contains("at most 2", import.Errors.Single(e => e.Line == 9).Error.ToString());
    }

    [Fact]
    public void A_ranking_ballot_may_rank_every_candidate()
    {
        var import = Read("deputyId,choices\ndeputy-01,2;3;1", BallotKind.Ranking);

        Assert.Empty(import.Errors);
        Assert.Equal([Two, Three, One], import.Ballots.Single().Choices);
    }

    [Theory]
    [InlineData("")]
    [InlineData("deputy-01,1")]
    [InlineData("name,votes\ndeputy-01,1")]
    public void A_file_without_the_header_is_refused_as_a_whole(string csv)
    {
        var error = Assert.Throws<ValidationFailedException>(() => Read(csv));

        Assert.Equal(["csv"], error.FieldErrors.Keys);
    }
}
