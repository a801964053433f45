using Collab.Kernel.Hubs;
using Collab.Workbooks.Engine;
using FluentValidation;

namespace Collab.Presence.Application.UpdatePresence;

/// <summary>An <c>UpdatePresence</c> names a model, a sheet, a cell that parses and (optionally) a selection that parses.</summary>
internal sealed class PresenceUpdateValidator : AbstractValidator<PresenceUpdateRequest>
{
    public PresenceUpdateValidator()
    {
        RuleFor(r => r.ModelId).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Sheet).NotEmpty().MaximumLength(31);
        RuleFor(r => r.Cell).NotEmpty().Must(c => CellAddress.TryParse(c, out _)).WithMessage("cell must be an A1 address such as B4.");
        RuleFor(r => r.Selection).Must(s => s is null || CellAddress.TryParse(s, out _) || RangeAddress.TryParse(s, out _))
            .WithMessage("selection must be an A1 range such as B4:C9.");
    }
}
