using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Governance.Data.Migrations
{
    /// <inheritdoc />
    public partial class StaffingPostsAndEscalationOwners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "cases",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "case_history",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "department_headcounts",
                columns: table => new
                {
                    DepartmentCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Headcount = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_department_headcounts", x => x.DepartmentCode);
                });

            migrationBuilder.CreateTable(
                name: "posts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "zh-x-icu"),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    GridCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    CommunityCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ModuleCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SecondmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    HeldFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    HeldUntil = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_posts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "secondments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    HomeDepartmentCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ModuleCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: true),
                    TransferredFromId = table.Column<Guid>(type: "uuid", nullable: true),
                    TransferredToId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_secondments", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cases_OwnerId_Status",
                table: "cases",
                columns: new[] { "OwnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_posts_DistrictCode_Name",
                table: "posts",
                columns: new[] { "DistrictCode", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_posts_GridCode_PersonId",
                table: "posts",
                columns: new[] { "GridCode", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_posts_PersonId",
                table: "posts",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_posts_SecondmentId",
                table: "posts",
                column: "SecondmentId");

            migrationBuilder.CreateIndex(
                name: "IX_secondments_HomeDepartmentCode_From",
                table: "secondments",
                columns: new[] { "HomeDepartmentCode", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_secondments_PersonId",
                table: "secondments",
                column: "PersonId");

            // expand/contract: the previous release's grid-team rows become posts (and the seconded ones secondments with
            // their module posts); grid_team_members stays as it was for a rollback. An inactive member's post ends the
            // day before the upgrade, as the old rows kept no date for it.
            migrationBuilder.Sql("""
                INSERT INTO posts ("Id", "PersonId", "Name", "Kind", "DistrictCode", "GridCode", "CommunityCode", "ModuleCode", "SecondmentId", "HeldFrom", "HeldUntil")
                SELECT gen_random_uuid(), m."PersonId", m."Name", 1, m."DistrictCode", m."GridCode", g."CommunityCode", NULL, NULL,
                       COALESCE(m."SecondedFrom", DATE '2020-01-01'),
                       CASE WHEN m."Active" THEN NULL ELSE CURRENT_DATE - 1 END
                FROM grid_team_members m LEFT JOIN grids g ON g."Code" = m."GridCode";

                INSERT INTO secondments ("Id", "PersonId", "Name", "HomeDepartmentCode", "DistrictCode", "ModuleCode", "From", "Until", "TransferredFromId", "TransferredToId")
                SELECT gen_random_uuid(), m."PersonId", m."Name", m."HomeDepartmentCode", m."DistrictCode", m."ModuleCode", m."SecondedFrom",
                       CASE WHEN m."Active" THEN m."SecondedUntil" ELSE LEAST(COALESCE(m."SecondedUntil", CURRENT_DATE - 1), CURRENT_DATE - 1) END,
                       NULL, NULL
                FROM grid_team_members m
                WHERE m."HomeDepartmentCode" IS NOT NULL AND m."ModuleCode" IS NOT NULL AND m."SecondedFrom" IS NOT NULL;

                INSERT INTO posts ("Id", "PersonId", "Name", "Kind", "DistrictCode", "GridCode", "CommunityCode", "ModuleCode", "SecondmentId", "HeldFrom", "HeldUntil")
                SELECT gen_random_uuid(), s."PersonId", s."Name", 2, s."DistrictCode", NULL, NULL, s."ModuleCode", s."Id", s."From", s."Until"
                FROM secondments s;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "department_headcounts");

            migrationBuilder.DropTable(
                name: "posts");

            migrationBuilder.DropTable(
                name: "secondments");

            migrationBuilder.DropIndex(
                name: "IX_cases_OwnerId_Status",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "case_history");
        }
    }
}
