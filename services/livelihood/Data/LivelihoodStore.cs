using Longgang.Livelihood.Domain;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Livelihood.Data;

/// <summary>The lookups and saves every request of the API shares: a 400 for a year out of range, a 404 for an unknown id, a 409 for a lost race.</summary>
public static class LivelihoodStore
{
    public const string ChangedMeanwhile = "Someone else changed this at the same moment; read it again and retry.";

    public static async Task<Cycle> FindCycleAsync(this LivelihoodDbContext db, int year, CancellationToken ct)
    {
        if (!Project.IsYearInRange(year))
            throw new ValidationFailedException("year", "must be between {0} and {1}", Project.MinYear, Project.MaxYear);
        return await db.Cycles.FirstOrDefaultAsync(c => c.Year == year, ct) ?? throw new NotFoundException("Cycle", year.ToString());
    }

    /// <param name="shownId">The id as the request gave it, for the 404's message.</param>
    public static async Task<Project> FindProjectAsync(this LivelihoodDbContext db, Guid id, string shownId, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.Projects : db.Projects.AsNoTracking();
        return await query.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Project", shownId);
    }

    public static Task<List<Project>> CandidatesAsync(this LivelihoodDbContext db, int year, bool tracked, CancellationToken ct) =>
        (tracked ? db.Projects : db.Projects.AsNoTracking()).Where(p => p.Year == year && p.Status == ProjectStatus.Candidate).ToListAsync(ct);

    public static Task<int> BallotsCastAsync(this LivelihoodDbContext db, int year, CancellationToken ct) =>
        db.Ballots.CountAsync(b => b.Year == year, ct);

    public static Task SaveAsync(this LivelihoodDbContext db, CancellationToken ct) => db.SaveRefusingDuplicatesAsync(ChangedMeanwhile, ct);

    /// <summary>
    /// Two requests raced (a unique index or the revision): the loser gets a 409, and nothing of its change is stored.
    /// Like <see cref="Platform.Data.PlatformDbContext.SaveOrConflictAsync"/>, with a conflict text that has arguments.
    /// </summary>
    public static async Task SaveRefusingDuplicatesAsync(this LivelihoodDbContext db, LocalText conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(ChangedMeanwhile);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new ConflictException(conflict.Text, conflict.Args);
        }
    }
}
