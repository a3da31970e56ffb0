using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Longgang.Governance.Data.Migrations
{
    /// <inheritdoc />
    public partial class ServiceComplexAndHotspots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "BookingId",
                table: "mediations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "BookingId",
                table: "deliberation_meetings",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "case_hotspots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    GridCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FirstCaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    WindowStartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WindowEndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CaseCount = table.Column<int>(type: "integer", nullable: false),
                    DetectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_hotspots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "complex_rooms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Location = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BookingRevision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complex_rooms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "consultations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Conclusions = table.Column<string[]>(type: "text[]", nullable: false),
                    ScheduledBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ScheduledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConcludedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consultations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "resident_organisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Contact = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resident_organisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "room_bookings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoomId = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RoomKind = table.Column<int>(type: "integer", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BookedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BookedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_room_bookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_room_bookings_complex_rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "complex_rooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "consultation_review_lines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GridCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OpenCases = table.Column<int>(type: "integer", nullable: false),
                    ConsultationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consultation_review_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_consultation_review_lines_consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mediations_BookingId",
                table: "mediations",
                column: "BookingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_deliberation_meetings_BookingId",
                table: "deliberation_meetings",
                column: "BookingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_hotspots_DistrictCode_DetectedAt",
                table: "case_hotspots",
                columns: new[] { "DistrictCode", "DetectedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_case_hotspots_FirstCaseId",
                table: "case_hotspots",
                column: "FirstCaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_hotspots_GridCode_Category_WindowStartsAt",
                table: "case_hotspots",
                columns: new[] { "GridCode", "Category", "WindowStartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_case_hotspots_MeetingId",
                table: "case_hotspots",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_complex_rooms_DistrictCode_Kind",
                table: "complex_rooms",
                columns: new[] { "DistrictCode", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_consultation_review_lines_ConsultationId",
                table: "consultation_review_lines",
                column: "ConsultationId");

            migrationBuilder.CreateIndex(
                name: "IX_consultations_DistrictCode_Month",
                table: "consultations",
                columns: new[] { "DistrictCode", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resident_organisations_DistrictCode_Kind",
                table: "resident_organisations",
                columns: new[] { "DistrictCode", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_room_bookings_DistrictCode_StartsAt",
                table: "room_bookings",
                columns: new[] { "DistrictCode", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_room_bookings_RoomId_StartsAt",
                table: "room_bookings",
                columns: new[] { "RoomId", "StartsAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_hotspots");

            migrationBuilder.DropTable(
                name: "consultation_review_lines");

            migrationBuilder.DropTable(
                name: "resident_organisations");

            migrationBuilder.DropTable(
                name: "room_bookings");

            migrationBuilder.DropTable(
                name: "consultations");

            migrationBuilder.DropTable(
                name: "complex_rooms");

            migrationBuilder.DropIndex(
                name: "IX_mediations_BookingId",
                table: "mediations");

            migrationBuilder.DropIndex(
                name: "IX_deliberation_meetings_BookingId",
                table: "deliberation_meetings");

            migrationBuilder.DropColumn(
                name: "BookingId",
                table: "mediations");

            migrationBuilder.DropColumn(
                name: "BookingId",
                table: "deliberation_meetings");
        }
    }
}
