using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Livelihood.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProjectCityTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CityTag",
                table: "projects",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CompletedByIssuance",
                table: "milestones",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // the model has no default: false only fills the milestones already there (completed by hand or by an
            // issuance, which was not recorded then)
            migrationBuilder.Sql("""ALTER TABLE milestones ALTER COLUMN "CompletedByIssuance" DROP DEFAULT;""");

            // existing projects get their category's tag (Project.CityTagOf), as a proposal without a chosen tag does
            migrationBuilder.Sql("""
                UPDATE projects SET "CityTag" = CASE "Category"
                    WHEN 1 THEN 'MODERN_SMART'
                    WHEN 2 THEN 'MODERN_SMART'
                    WHEN 3 THEN 'HAPPY_LIVEABLE'
                    WHEN 4 THEN 'HAPPY_LIVEABLE'
                    WHEN 5 THEN 'SAFE_GOVERNANCE'
                    WHEN 6 THEN 'HAPPY_LIVEABLE'
                    WHEN 7 THEN 'HAPPY_LIVEABLE'
                END;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_projects_CityTag_Year",
                table: "projects",
                columns: new[] { "CityTag", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_projects_CityTag_Year",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "CityTag",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "CompletedByIssuance",
                table: "milestones");
        }
    }
}
