using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Talent.Data.Migrations
{
    /// <inheritdoc />
    public partial class CalendarYearsRetentionAndClockBasis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_years",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Arrangement = table.Column<string>(type: "text", nullable: false),
                    Origin = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_years", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "certification_notice_changes",
                columns: table => new
                {
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    CertificationId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OldEndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NewEndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certification_notice_changes", x => new { x.CertificationId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_certification_notice_changes_certifications_CertificationId",
                        column: x => x.CertificationId,
                        principalTable: "certifications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_inbox_messages_ProcessedAt",
                table: "inbox_messages",
                column: "ProcessedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_years");

            migrationBuilder.DropTable(
                name: "certification_notice_changes");

            migrationBuilder.DropIndex(
                name: "IX_inbox_messages_ProcessedAt",
                table: "inbox_messages");
        }
    }
}
