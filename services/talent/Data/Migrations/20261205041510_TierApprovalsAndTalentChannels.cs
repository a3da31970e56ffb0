using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Talent.Data.Migrations
{
    /// <summary>
    /// Issue 18: tiers A-C are certified through approvals; certifications, programmes and positions carry their channel.
    /// Every existing row is kept: the rows made before channels existed get TALENT_CHANNEL_INTERNAL_CULTIVATION (1,
    /// <c>TalentChannels.BackFill</c>: people and employers already in Longgang), and tiers A-C of every catalogue
    /// version are marked, so applications for them go through approvals from now on (those already under way stay on
    /// the talent office's path).
    /// </summary>
    public partial class TierApprovalsAndTalentChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CertifiedThroughApprovals",
                table: "tiers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Channel",
                table: "programmes",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Channel",
                table: "positions",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<Guid>(
                name: "ApplicationId",
                table: "certifications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Channel",
                table: "certifications",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.Sql("""UPDATE tiers SET "CertifiedThroughApprovals" = TRUE WHERE "Code" IN ('A', 'B', 'C');""");
            // the defaults only back-filled the existing rows: a new row names its channel and flag, as the model says
            migrationBuilder.Sql("""
                ALTER TABLE tiers ALTER COLUMN "CertifiedThroughApprovals" DROP DEFAULT;
                ALTER TABLE programmes ALTER COLUMN "Channel" DROP DEFAULT;
                ALTER TABLE positions ALTER COLUMN "Channel" DROP DEFAULT;
                ALTER TABLE certifications ALTER COLUMN "Channel" DROP DEFAULT;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_certifications_ApplicationId",
                table: "certifications",
                column: "ApplicationId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_certifications_ApplicationId",
                table: "certifications");

            migrationBuilder.DropColumn(
                name: "CertifiedThroughApprovals",
                table: "tiers");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "programmes");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "positions");

            migrationBuilder.DropColumn(
                name: "ApplicationId",
                table: "certifications");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "certifications");
        }
    }
}
