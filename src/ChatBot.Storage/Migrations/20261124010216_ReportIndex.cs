using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ReportIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_questions_AtUnixMs",
                table: "questions");

            migrationBuilder.CreateIndex(
                name: "IX_questions_AtUnixMs_Kind_ReviewStatus_DocumentId",
                table: "questions",
                columns: new[] { "AtUnixMs", "Kind", "ReviewStatus", "DocumentId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_questions_AtUnixMs_Kind_ReviewStatus_DocumentId",
                table: "questions");

            migrationBuilder.CreateIndex(
                name: "IX_questions_AtUnixMs",
                table: "questions",
                column: "AtUnixMs");
        }
    }
}
