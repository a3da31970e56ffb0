using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Talent.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardSourceTimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExpiredAt",
                table: "entitlement_claims",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CertifiedAt",
                table: "certifications",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExpiredAt",
                table: "entitlement_claims");

            migrationBuilder.DropColumn(
                name: "CertifiedAt",
                table: "certifications");
        }
    }
}
