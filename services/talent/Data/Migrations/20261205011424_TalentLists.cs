using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Talent.Data.Migrations
{
    /// <inheritdoc />
    public partial class TalentLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_certifications_Status",
                table: "certifications");

            migrationBuilder.CreateIndex(
                name: "IX_positions_Status_PostedAt",
                table: "positions",
                columns: new[] { "Status", "PostedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_position_applications_EmployerId_AppliedAt",
                table: "position_applications",
                columns: new[] { "EmployerId", "AppliedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_entitlement_claims_Status_SubmittedAt",
                table: "entitlement_claims",
                columns: new[] { "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_certifications_Status_NoticeEndsOn",
                table: "certifications",
                columns: new[] { "Status", "NoticeEndsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_certifications_Status_SubmittedAt",
                table: "certifications",
                columns: new[] { "Status", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_positions_Status_PostedAt",
                table: "positions");

            migrationBuilder.DropIndex(
                name: "IX_position_applications_EmployerId_AppliedAt",
                table: "position_applications");

            migrationBuilder.DropIndex(
                name: "IX_entitlement_claims_Status_SubmittedAt",
                table: "entitlement_claims");

            migrationBuilder.DropIndex(
                name: "IX_certifications_Status_NoticeEndsOn",
                table: "certifications");

            migrationBuilder.DropIndex(
                name: "IX_certifications_Status_SubmittedAt",
                table: "certifications");

            migrationBuilder.CreateIndex(
                name: "IX_certifications_Status",
                table: "certifications",
                column: "Status");
        }
    }
}
