using Collab.Workbooks.Domain;
using FluentValidation;

namespace Collab.Workbooks.Application.Models;

/// <summary>One rule for model names, used by every request that carries one.</summary>
internal static class ModelNameRules
{
    public static IRuleBuilderOptions<T, string> ValidModelName<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a name for the model.")
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter a name for the model.")
            .MaximumLength(ModelRules.MaxNameLength).WithMessage($"A model name has at most {ModelRules.MaxNameLength} characters.")
            .Must(n => !n.Any(char.IsControl)).WithMessage("A model name cannot contain control characters.");
}

internal sealed class CreateModelValidator : AbstractValidator<CreateModel>
{
    public CreateModelValidator() => RuleFor(r => r.Name).ValidModelName();
}

internal sealed class RenameModelValidator : AbstractValidator<RenameModel>
{
    public RenameModelValidator() => RuleFor(r => r.Name).ValidModelName();
}
