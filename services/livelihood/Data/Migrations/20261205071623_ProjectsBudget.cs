using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longgang.Livelihood.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProjectsBudget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ProjectsBudgetYuan",
                table: "cycles",
                type: "bigint",
                nullable: true);

            // cycles whose budget is set were counted against the whole livelihood spending: keep that for them
            migrationBuilder.Sql("""UPDATE cycles SET "ProjectsBudgetYuan" = "Budget_LivelihoodSpendingYuan" WHERE "Budget_LivelihoodSpendingYuan" IS NOT NULL""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ProjectsBudgetYuan",
                table: "cycles");
        }
    }
}
