using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Approvals.Data.Migrations
{
    /// <inheritdoc />
    public partial class PrintedDocumentsAndVisitLimit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "FirstNoticeMaterials",
                table: "applications",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<int>(
                name: "MaxVisits",
                table: "applications",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // an application keeps the limit of the matter version it was submitted under, so visits already made are
            // counted against it in the reports
            migrationBuilder.Sql("""
                UPDATE applications AS a SET "MaxVisits" = m."MaxVisits"
                FROM matters AS m WHERE m."Code" = a."MatterCode" AND m."Version" = a."MatterVersion";
                """);

            // the model has no default: the value only filled the rows already there
            migrationBuilder.Sql("""
                ALTER TABLE applications ALTER COLUMN "FirstNoticeMaterials" DROP DEFAULT;
                ALTER TABLE applications ALTER COLUMN "MaxVisits" DROP DEFAULT;
                """);

            migrationBuilder.CreateTable(
                name: "document_codes",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    LedgerSequence = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_document_codes", x => x.Code);
                });

            migrationBuilder.CreateIndex(
                name: "IX_document_codes_ApplicationId_LedgerSequence",
                table: "document_codes",
                columns: new[] { "ApplicationId", "LedgerSequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "document_codes");

            migrationBuilder.DropColumn(
                name: "FirstNoticeMaterials",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "MaxVisits",
                table: "applications");
        }
    }
}
