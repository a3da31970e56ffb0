using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Livelihood.Data.Migrations
{
    /// <inheritdoc />
    public partial class LivelihoodDelayRiskAndCarryOver : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ProgressAtCarryOverPercent",
                table: "projects",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "SpentAtCarryOverYuan",
                table: "projects",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RiskApplicationDueOn",
                table: "milestones",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RiskLevel",
                table: "milestones",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RiskRaisedAt",
                table: "milestones",
                type: "timestamp with time zone",
                nullable: true);

            // projects carried over before this upgrade: their figures at the carry-over are taken as they stand now
            migrationBuilder.Sql("""
                UPDATE projects p SET
                    "SpentAtCarryOverYuan" = COALESCE((SELECT SUM(m."AmountYuan") FROM milestones m
                        WHERE m."ProjectId" = p."Id" AND m."CompletedAt" IS NOT NULL), 0),
                    "ProgressAtCarryOverPercent" = COALESCE((SELECT SUM(m."Weight") FILTER (WHERE m."CompletedAt" IS NOT NULL) * 100 / NULLIF(SUM(m."Weight"), 0)
                        FROM milestones m WHERE m."ProjectId" = p."Id"), 0)
                WHERE p."CarriedOverToYear" IS NOT NULL;
                """);

            // the model has no default: the value only filled the rows already there
            migrationBuilder.Sql("""
                ALTER TABLE projects ALTER COLUMN "ProgressAtCarryOverPercent" DROP DEFAULT;
                ALTER TABLE projects ALTER COLUMN "SpentAtCarryOverYuan" DROP DEFAULT;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_projects_CarriedOverToYear",
                table: "projects",
                column: "CarriedOverToYear");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_projects_CarriedOverToYear",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "ProgressAtCarryOverPercent",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "SpentAtCarryOverYuan",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "RiskApplicationDueOn",
                table: "milestones");

            migrationBuilder.DropColumn(
                name: "RiskLevel",
                table: "milestones");

            migrationBuilder.DropColumn(
                name: "RiskRaisedAt",
                table: "milestones");
        }
    }
}
