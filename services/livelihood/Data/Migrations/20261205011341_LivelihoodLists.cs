using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Livelihood.Data.Migrations
{
    /// <inheritdoc />
    public partial class LivelihoodLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_projects_Category_Year",
                table: "projects",
                columns: new[] { "Category", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_projects_OwningDepartmentCode",
                table: "projects",
                column: "OwningDepartmentCode");

            migrationBuilder.CreateIndex(
                name: "IX_projects_ProposerId",
                table: "projects",
                column: "ProposerId");

            migrationBuilder.CreateIndex(
                name: "IX_projects_Status_Year",
                table: "projects",
                columns: new[] { "Status", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_cycles_Phase",
                table: "cycles",
                column: "Phase");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_projects_Category_Year",
                table: "projects");

            migrationBuilder.DropIndex(
                name: "IX_projects_OwningDepartmentCode",
                table: "projects");

            migrationBuilder.DropIndex(
                name: "IX_projects_ProposerId",
                table: "projects");

            migrationBuilder.DropIndex(
                name: "IX_projects_Status_Year",
                table: "projects");

            migrationBuilder.DropIndex(
                name: "IX_cycles_Phase",
                table: "cycles");
        }
    }
}
