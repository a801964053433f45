using Collab.Kernel.Outcomes;
using Collab.Kernel.Security;
using Collab.Workbooks.Contracts;
using Collab.Workbooks.Engine;
using Mediator;

namespace Collab.Workbooks.Application.Models;

/// <summary>Creates a model, empty with one sheet <c>Sheet1</c> unless <paramref name="Content"/> is given; the actor becomes its admin.</summary>
internal sealed record CreateModel(Actor Actor, string Name, WorkbookSnapshot? Content = null) : ICommand<Result<string>>;

/// <summary>The non-empty cells of a range of a sheet (the used range when no range is given), at the current revision.</summary>
internal sealed record GetCells(Actor Actor, string ModelId, string? Sheet, string? Range) : IQuery<Result<CellsView>>;

/// <summary>Cells at a revision.</summary>
internal sealed record CellsView(long Revision, IReadOnlyList<WireCell> Cells);

/// <summary>The models the actor may see, newest change first.</summary>
internal sealed record ListModels(Actor Actor) : IQuery<IReadOnlyList<ModelSummary>>;


/// <summary>Renames a model (model admins).</summary>
internal sealed record RenameModel(Actor Actor, string ModelId, string Name) : ICommand<Result<ModelSummary>>;

/// <summary>Deletes a model and everything in it (model admins).</summary>
internal sealed record DeleteModel(Actor Actor, string ModelId) : ICommand<Result<bool>>;
