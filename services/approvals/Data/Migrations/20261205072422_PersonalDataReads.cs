using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Longgang.Approvals.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataReads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "personal_data_reads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reader = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReaderRole = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RecordType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CitizenId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Route = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CorrelationId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_personal_data_reads", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_personal_data_reads_CitizenId_At_Id",
                table: "personal_data_reads",
                columns: new[] { "CitizenId", "At", "Id" });

            // nobody changes or removes the record of a read, whatever a service's code might try (as for audit_log)
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION personal_data_reads_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'personal_data_reads is append-only'; END; $$;
                CREATE OR REPLACE TRIGGER personal_data_reads_append_only BEFORE UPDATE OR DELETE ON personal_data_reads
                FOR EACH ROW EXECUTE FUNCTION personal_data_reads_is_append_only();
                CREATE OR REPLACE TRIGGER personal_data_reads_not_truncated BEFORE TRUNCATE ON personal_data_reads
                FOR EACH STATEMENT EXECUTE FUNCTION personal_data_reads_is_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "personal_data_reads");

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS personal_data_reads_is_append_only();");
        }
    }
}
