using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Approvals.Data.Migrations
{
    /// <inheritdoc />
    public partial class ApprovalsLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Conditions",
                table: "matters",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Fees",
                table: "matters",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalBasis",
                table: "matters",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WhereToGo",
                table: "matters",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResidentId",
                table: "applications",
                type: "character varying(18)",
                maxLength: 18,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_applications_MatterCode_SubmittedAt",
                table: "applications",
                columns: new[] { "MatterCode", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_ResidentId",
                table: "applications",
                column: "ResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_applications_Status_CertificateDueOn",
                table: "applications",
                columns: new[] { "Status", "CertificateDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_Status_PromisedDueOn",
                table: "applications",
                columns: new[] { "Status", "PromisedDueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_applications_MatterCode_SubmittedAt",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "IX_applications_ResidentId",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "IX_applications_Status_CertificateDueOn",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "IX_applications_Status_PromisedDueOn",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "Conditions",
                table: "matters");

            migrationBuilder.DropColumn(
                name: "Fees",
                table: "matters");

            migrationBuilder.DropColumn(
                name: "LegalBasis",
                table: "matters");

            migrationBuilder.DropColumn(
                name: "WhereToGo",
                table: "matters");

            migrationBuilder.DropColumn(
                name: "ResidentId",
                table: "applications");
        }
    }
}
