using Longgang.Livelihood.Data;
using Longgang.Platform.Testing;

namespace Longgang.Livelihood.Tests;

internal sealed class TestDatabase() : SqliteTestDatabase<LivelihoodDbContext>(options => new LivelihoodDbContext(options));
