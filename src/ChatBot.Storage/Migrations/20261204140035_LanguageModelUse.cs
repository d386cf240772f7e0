using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class LanguageModelUse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "LlmCost",
                table: "questions",
                type: "TEXT",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "LlmOutcome",
                table: "questions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LlmTokens",
                table: "questions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LlmCost",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "LlmOutcome",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "LlmTokens",
                table: "questions");
        }
    }
}
