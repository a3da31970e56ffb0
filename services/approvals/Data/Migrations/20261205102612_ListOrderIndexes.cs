using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Approvals.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_applications_SubmittedAt_Id",
                table: "applications",
                columns: new[] { "SubmittedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_applications_SubmittedAt_Id",
                table: "applications");
        }
    }
}
