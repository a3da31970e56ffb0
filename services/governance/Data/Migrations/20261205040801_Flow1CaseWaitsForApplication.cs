using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Governance.Data.Migrations
{
    /// <inheritdoc />
    public partial class Flow1CaseWaitsForApplication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AwaitingCorrection",
                table: "cases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "StatusBeforeWaiting",
                table: "cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "WaitingForApplicationId",
                table: "cases",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WaitingSince",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            // the model has no default: the value only filled the rows already there
            migrationBuilder.Sql("""
                ALTER TABLE cases ALTER COLUMN "AwaitingCorrection" DROP DEFAULT;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_cases_WaitingForApplicationId",
                table: "cases",
                column: "WaitingForApplicationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_WaitingForApplicationId",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "AwaitingCorrection",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "StatusBeforeWaiting",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "WaitingForApplicationId",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "WaitingSince",
                table: "cases");
        }
    }
}
