using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Approvals.Data.Migrations
{
    /// <inheritdoc />
    public partial class MatterCityTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CityTag",
                table: "matters",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CityTag",
                table: "applications",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            // the seeded catalogue's tags (MatterCatalogueSeeder) on every version of its matters; a clerk tags others later
            migrationBuilder.Sql("""
                UPDATE matters SET "CityTag" = CASE "Code"
                    WHEN 'MS-001' THEN 'VIBRANT_INNOVATION'
                    WHEN 'MS-002' THEN 'VIBRANT_INNOVATION'
                    WHEN 'HC-001' THEN 'MODERN_SMART'
                    WHEN 'HR-001' THEN 'VIBRANT_INNOVATION'
                    WHEN 'HR-002' THEN 'VIBRANT_INNOVATION'
                    WHEN 'SA-001' THEN 'HAPPY_LIVEABLE'
                END
                WHERE "Code" IN ('MS-001', 'MS-002', 'HC-001', 'HR-001', 'HR-002', 'SA-001');
                """);

            // an application keeps the tag of the matter version it was submitted under, as its events carry it
            migrationBuilder.Sql("""
                UPDATE applications AS a SET "CityTag" = m."CityTag"
                FROM matters AS m WHERE m."Code" = a."MatterCode" AND m."Version" = a."MatterVersion";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CityTag",
                table: "matters");

            migrationBuilder.DropColumn(
                name: "CityTag",
                table: "applications");
        }
    }
}
