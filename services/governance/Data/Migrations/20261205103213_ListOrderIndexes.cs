using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Governance.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_cases_ReportedAt_Id",
                table: "cases",
                columns: new[] { "ReportedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_ReportedAt_Id",
                table: "cases");
        }
    }
}
