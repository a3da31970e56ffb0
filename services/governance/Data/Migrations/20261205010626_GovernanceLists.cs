using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Governance.Data.Migrations
{
    /// <inheritdoc />
    public partial class GovernanceLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "grid_team_members",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                collation: "zh-x-icu",
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

            migrationBuilder.CreateIndex(
                name: "IX_mediations_MediatorId_OpenedAt",
                table: "mediations",
                columns: new[] { "MediatorId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_grid_team_members_DistrictCode_Name",
                table: "grid_team_members",
                columns: new[] { "DistrictCode", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_Category_ReportedAt",
                table: "cases",
                columns: new[] { "Category", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_EscalationLevel_ReportedAt",
                table: "cases",
                columns: new[] { "EscalationLevel", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_Source_ReportedAt",
                table: "cases",
                columns: new[] { "Source", "ReportedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_mediations_MediatorId_OpenedAt",
                table: "mediations");

            migrationBuilder.DropIndex(
                name: "IX_grid_team_members_DistrictCode_Name",
                table: "grid_team_members");

            migrationBuilder.DropIndex(
                name: "IX_cases_Category_ReportedAt",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_EscalationLevel_ReportedAt",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_Source_ReportedAt",
                table: "cases");

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "grid_team_members",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldCollation: "zh-x-icu");
        }
    }
}
