using Longgang.Platform.Errors;

namespace Longgang.Livelihood.Domain;

/// <summary>A row of the CSV that could not be imported, by line number (the header is line 1).</summary>
public sealed record RowError(int Line, LocalText Error);

public sealed record PaperBallot(int Line, string DeputyId, IReadOnlyList<Guid> Choices);

public sealed record PaperBallotImport(IReadOnlyList<PaperBallot> Ballots, IReadOnlyList<RowError> Errors);

/// <summary>
/// Reads paper ballots typed up from the session: a header line <c>deputyId,choices</c>, then one line per ballot,
/// the deputy's id and the candidate numbers as printed on the paper (separated by <c>;</c> or spaces, in the
/// deputy's order). Good rows are imported; every bad row is reported with its line and reason, and nothing of it
/// is stored. A deputy who already voted, or appears twice in the file, is a bad row.
/// </summary>
public static class PaperBallots
{
    public const string Header = "deputyId,choices";
    public const int MaxRows = 2000;

    public static PaperBallotImport Read(string? csv, Cycle cycle, IReadOnlyDictionary<int, Guid> candidatesByNumber, IReadOnlySet<string> alreadyVoted)
    {
        var lines = (csv ?? "").Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || !string.Equals(lines[0].Trim(), Header, StringComparison.OrdinalIgnoreCase))
            throw new ValidationFailedException("csv", "must start with the header line '{0}'", Header);
        if (lines.Length - 1 > MaxRows)
            throw new ValidationFailedException("csv", "at most {0} ballots per import", MaxRows);
        cycle.EnsurePhase(CyclePhase.Vote, new LocalText("Importing paper ballots"));

        var candidates = candidatesByNumber.Values.ToHashSet();
        var seen = new HashSet<string>(alreadyVoted);
        var ballots = new List<PaperBallot>();
        var errors = new List<RowError>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var fields = lines[i].Split(',');
            if (fields.Length != 2)
            {
                errors.Add(new RowError(line, "expected two fields: deputyId,choices"));
                continue;
            }
            var deputyId = fields[0].Trim();
            if (deputyId.Length is 0 or > Ballot.MaxDeputyIdLength)
            {
                errors.Add(new RowError(line, new LocalText("deputyId is required, at most {0} characters", Ballot.MaxDeputyIdLength)));
                continue;
            }
            var choices = new List<Guid>();
            LocalText? problem = null;
            foreach (var token in fields[1].Split([';', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(token, out var number) || !candidatesByNumber.TryGetValue(number, out var projectId))
                {
                    problem = new LocalText("'{0}' is not a candidate number (1 to {1})", token, candidatesByNumber.Count);
                    break;
                }
                choices.Add(projectId);
            }
            problem ??= Ballot.Problem(cycle, choices, candidates);
            if (problem is null && !seen.Add(deputyId)) problem = new LocalText("deputy {0} has already voted", deputyId);
            if (problem is null) ballots.Add(new PaperBallot(line, deputyId, choices));
            else errors.Add(new RowError(line, problem.Value));
        }
        return new PaperBallotImport(ballots, errors);
    }
}
