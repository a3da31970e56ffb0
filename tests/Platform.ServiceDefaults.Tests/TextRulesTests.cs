using Longgang.Platform.Data;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Platform.Tests;

/// <summary>How the platform compares, counts and sorts text people type in Chinese (these need ICU: see DOTNET_SYSTEM_GLOBALIZATION_INVARIANT).</summary>
public sealed class TextRulesTests
{
    private static readonly string[] Names = ["张三", "李四", "王五", "赵六"];
    private static readonly string[] PinyinOrder = ["李四", "王五", "张三", "赵六"]; // li, wang, zhang, zhao

    [Fact]
    public void Full_width_and_half_width_forms_are_the_same_text_after_NFKC()
    {
        Assert.Equal("营业执照(副本)", TextRules.Normalize("营业执照（副本）"));
        Assert.True(TextRules.SameText("营业执照（副本）", " 营业执照(副本)"));
        Assert.Equal("ABC-123", TextRules.Normalize("ＡＢＣ－１２３"));
        Assert.False(TextRules.SameText("营业执照（正本）", "营业执照(副本)"));
    }

    [Fact]
    public void Length_counts_what_a_person_sees()
    {
        Assert.Equal(2, "𠮷".Length); // one character outside the BMP: two UTF-16 units
        Assert.Equal(1, TextRules.Length("𠮷"));
        Assert.Equal(3, TextRules.Length("吉𠮷e\u0301")); // 吉, 𠮷 and an e with a combining accent: five UTF-16 units
    }

    [Fact]
    public void A_limit_of_ten_characters_takes_ten_characters_outside_the_BMP()
    {
        var ten = string.Concat(Enumerable.Repeat("𠮷", 10));

        new Validator().RequireText(ten, "name", 10).ThrowIfInvalid();
        var error = Assert.Throws<ValidationFailedException>(() => new Validator().RequireText(ten + "𠮷", "name", 10).ThrowIfInvalid());
        Assert.Equal("must be at most 10 characters", error.FieldErrors["name"]);
    }

    [Fact]
    public void Chinese_names_sort_by_pinyin()
    {
        Assert.True(TextRules.SortsChineseByPinyin());
        Assert.Equal(PinyinOrder, Names.Order(TextRules.ChineseNames));
        Assert.NotEqual(PinyinOrder, Names.Order(StringComparer.Ordinal)); // code point order differs: the test can tell them apart
    }

    [Fact]
    public async Task The_embedded_database_sorts_a_pinyin_column_by_pinyin()
    {
        // a PlatformDbContext, as every service's: its SQLite model quotes the collation's name
        using var folder = new TempDirectory();
        var options = new DbContextOptionsBuilder<NamesContext>()
            .UseSqlite(folder.SqliteConnectionString("names")).AddInterceptors(PinyinCollation.ForSqlite).Options;
        await using var db = new NamesContext(options);
        await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        db.People.AddRange(Names.Select(n => new Person { Name = n }));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var sorted = await db.People.OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(PinyinOrder, sorted);
    }

    private sealed class NamesContext(DbContextOptions<NamesContext> options) : PlatformDbContext(options)
    {
        public DbSet<Person> People => Set<Person>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            base.OnModelCreating(modelBuilder);
            modelBuilder.Entity<Person>().Property(p => p.Name).SortsByPinyin();
        }
    }

    private sealed class Person
    {
        public int Id { get; set; }
        public string Name { get; set; } = "";
    }
}
