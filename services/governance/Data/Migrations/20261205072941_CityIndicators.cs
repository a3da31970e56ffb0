using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Governance.Data.Migrations
{
    /// <inheritdoc />
    public partial class CityIndicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "city_indicator_actuals",
                columns: table => new
                {
                    IndicatorCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    AmountYuan = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_city_indicator_actuals", x => new { x.IndicatorCode, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "statistics_grants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GrantedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GrantedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statistics_grants", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_grants_GrantedAt_Id",
                table: "statistics_grants",
                columns: new[] { "GrantedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_grants_Subject_RevokedAt",
                table: "statistics_grants",
                columns: new[] { "Subject", "RevokedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "city_indicator_actuals");

            migrationBuilder.DropTable(
                name: "statistics_grants");
        }
    }
}
