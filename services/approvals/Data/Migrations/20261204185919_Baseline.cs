using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Longgang.Approvals.Data.Migrations
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "applications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MatterCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MatterVersion = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    DepartmentCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ApplicantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ApplicantName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Materials = table.Column<List<string>>(type: "text[]", nullable: false),
                    MissingMaterials = table.Column<List<string>>(type: "text[]", nullable: false),
                    RequestedCorrections = table.Column<List<string>>(type: "text[]", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PromisedLimitDays = table.Column<int>(type: "integer", nullable: false),
                    StatutoryLimitDays = table.Column<int>(type: "integer", nullable: false),
                    SupervisionRequired = table.Column<bool>(type: "boolean", nullable: false),
                    Visits = table.Column<int>(type: "integer", nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeemedAccepted = table.Column<bool>(type: "boolean", nullable: false),
                    ClockStartOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PromisedDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    StatutoryDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PausedWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    ExtensionWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    SuspensionKind = table.Column<int>(type: "integer", nullable: true),
                    SuspensionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SuspendedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StatusReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ElapsedWorkingDays = table.Column<int>(type: "integer", nullable: true),
                    CertificateDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CertificateNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Evaluation_Rating = table.Column<int>(type: "integer", nullable: true),
                    Evaluation_Comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Evaluation_EvaluatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Rectification_OpenedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Rectification_DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Rectification_ActionTaken = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Rectification_ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Subject = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Method = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ResourceId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ClientAddress = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CorrelationId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_messages", x => new { x.MessageId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "matters",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DepartmentCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    RequiredMaterials = table.Column<List<string>>(type: "text[]", nullable: false),
                    StatutoryLimitDays = table.Column<int>(type: "integer", nullable: false),
                    PromisedLimitDays = table.Column<int>(type: "integer", nullable: false),
                    MaxVisits = table.Column<int>(type: "integer", nullable: false),
                    ParticipatingDepartments = table.Column<List<string>>(type: "text[]", nullable: false),
                    SupervisionRequired = table.Column<bool>(type: "boolean", nullable: false),
                    DefinedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DefinedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_matters", x => new { x.Code, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CitizenId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sla_warnings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    MatterCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DepartmentCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Scope = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ElapsedWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    LimitWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_warnings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "application_ledger",
                columns: table => new
                {
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ActorRole = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DepartmentCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PromisedDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    StatutoryDueOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_ledger", x => new { x.ApplicationId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_application_ledger_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "application_steps",
                columns: table => new
                {
                    DepartmentCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_steps", x => new { x.ApplicationId, x.DepartmentCode });
                    table.ForeignKey(
                        name: "FK_application_steps_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_application_steps_DepartmentCode",
                table: "application_steps",
                column: "DepartmentCode");

            migrationBuilder.CreateIndex(
                name: "IX_applications_ApplicantId_SubmittedAt",
                table: "applications",
                columns: new[] { "ApplicantId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_DecidedAt",
                table: "applications",
                column: "DecidedAt");

            migrationBuilder.CreateIndex(
                name: "IX_applications_DepartmentCode_SubmittedAt",
                table: "applications",
                columns: new[] { "DepartmentCode", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_DistrictCode_SubmittedAt",
                table: "applications",
                columns: new[] { "DistrictCode", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_Status_ReceivedAt",
                table: "applications",
                columns: new[] { "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_SubmittedBy_SubmittedAt",
                table: "applications",
                columns: new[] { "SubmittedBy", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_Subject_Id",
                table: "audit_log",
                columns: new[] { "Subject", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_matters_DepartmentCode",
                table: "matters",
                column: "DepartmentCode");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_CitizenId_CreatedAt",
                table: "notifications",
                columns: new[] { "CitizenId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_DeliveredAt_NextAttemptAt",
                table: "notifications",
                columns: new[] { "DeliveredAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_MessageId",
                table: "outbox_messages",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_SentAt",
                table: "outbox_messages",
                column: "SentAt");

            migrationBuilder.CreateIndex(
                name: "IX_sla_warnings_ApplicationId_Scope_DepartmentCode_Level",
                table: "sla_warnings",
                columns: new[] { "ApplicationId", "Scope", "DepartmentCode", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sla_warnings_DepartmentCode_RaisedAt",
                table: "sla_warnings",
                columns: new[] { "DepartmentCode", "RaisedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "application_ledger");

            migrationBuilder.DropTable(
                name: "application_steps");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "matters");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "sla_warnings");

            migrationBuilder.DropTable(
                name: "applications");
        }
    }
}
