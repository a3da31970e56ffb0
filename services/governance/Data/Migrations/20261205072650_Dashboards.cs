using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Governance.Data.Migrations
{
    /// <inheritdoc />
    public partial class Dashboards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dashboard_counters",
                columns: table => new
                {
                    DistrictCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Metric = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Dimension = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_counters", x => new { x.DistrictCode, x.Month, x.Metric, x.Dimension });
                });

            migrationBuilder.CreateTable(
                name: "dashboard_facts",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SourceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_facts", x => new { x.Kind, x.SourceId });
                });

            migrationBuilder.CreateTable(
                name: "dashboard_replays",
                columns: table => new
                {
                    ReplayId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_replays", x => x.ReplayId);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_sources",
                columns: table => new
                {
                    Service = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LastHeartbeatAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReplayId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReplayBatches = table.Column<int>(type: "integer", nullable: false),
                    ReplayFinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_sources", x => x.Service);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_replays_RequestedAt",
                table: "dashboard_replays",
                column: "RequestedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dashboard_counters");

            migrationBuilder.DropTable(
                name: "dashboard_facts");

            migrationBuilder.DropTable(
                name: "dashboard_replays");

            migrationBuilder.DropTable(
                name: "dashboard_sources");
        }
    }
}
