using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Approvals.Data.Migrations
{
    /// <inheritdoc />
    public partial class NotificationPreferencesAndReceipts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BodyEn",
                table: "notifications",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "InDigest",
                table: "notifications",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Receipt",
                table: "notifications",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReferenceType",
                table: "notifications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "notifications",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SubjectEn",
                table: "notifications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // rows already sent keep their texts: the Chinese serves both languages; the status follows the delivery
            migrationBuilder.Sql("""
                UPDATE notifications SET "SubjectEn" = "Subject", "BodyEn" = "Body",
                    "Status" = CASE WHEN "DeliveredAt" IS NULL THEN 1 ELSE 3 END,
                    "ReferenceType" = CASE
                        WHEN "Kind" = 'POSITION_APPLICATION_MOVED' THEN 'POSITION_APPLICATION'
                        WHEN "Kind" LIKE 'APPLICATION%' OR "Kind" IN ('CORRECTION_REQUESTED', 'CERTIFICATE_ISSUED', 'DUE_DATES_REPROJECTED') THEN 'APPLICATION'
                        WHEN "Kind" LIKE 'CASE%' THEN 'CASE'
                        WHEN "Kind" LIKE 'CERTIFICATION%' THEN 'CERTIFICATION'
                        WHEN "Kind" LIKE 'CLAIM%' THEN 'CLAIM'
                        WHEN "Kind" LIKE 'PROPOSAL%' THEN 'PROJECT'
                    END;
                """);

            // the model has no default: the values only filled the rows already there
            migrationBuilder.Sql("""
                ALTER TABLE notifications ALTER COLUMN "SubjectEn" DROP DEFAULT;
                ALTER TABLE notifications ALTER COLUMN "BodyEn" DROP DEFAULT;
                ALTER TABLE notifications ALTER COLUMN "Status" DROP DEFAULT;
                ALTER TABLE notifications ALTER COLUMN "InDigest" DROP DEFAULT;
                """);

            migrationBuilder.CreateTable(
                name: "notification_preferences",
                columns: table => new
                {
                    CitizenId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Kinds = table.Column<string>(type: "text", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_preferences", x => x.CitizenId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notification_preferences");

            migrationBuilder.DropColumn(
                name: "BodyEn",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "InDigest",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "Receipt",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "ReferenceType",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "SubjectEn",
                table: "notifications");
        }
    }
}
