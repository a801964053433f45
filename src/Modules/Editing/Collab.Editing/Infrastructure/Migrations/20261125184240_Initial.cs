using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Collab.Editing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Editing_Changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelId = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Sheet = table.Column<string>(type: "TEXT", nullable: false),
                    Cell = table.Column<string>(type: "TEXT", nullable: false),
                    OldInput = table.Column<string>(type: "TEXT", nullable: true),
                    NewInput = table.Column<string>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Editing_Changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Editing_Ops",
                columns: table => new
                {
                    ModelId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false),
                    OpId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Op = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Editing_Ops", x => new { x.ModelId, x.Revision });
                });

            migrationBuilder.CreateTable(
                name: "Editing_Sessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelId = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    JoinedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeftAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Editing_Sessions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Editing_Changes_ModelId_Revision",
                table: "Editing_Changes",
                columns: new[] { "ModelId", "Revision" });

            migrationBuilder.CreateIndex(
                name: "IX_Editing_Changes_ModelId_Sheet_Cell",
                table: "Editing_Changes",
                columns: new[] { "ModelId", "Sheet", "Cell" });

            migrationBuilder.CreateIndex(
                name: "IX_Editing_Ops_ModelId_OpId",
                table: "Editing_Ops",
                columns: new[] { "ModelId", "OpId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Editing_Sessions_ModelId_JoinedAt",
                table: "Editing_Sessions",
                columns: new[] { "ModelId", "JoinedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Editing_Changes");

            migrationBuilder.DropTable(
                name: "Editing_Ops");

            migrationBuilder.DropTable(
                name: "Editing_Sessions");
        }
    }
}
