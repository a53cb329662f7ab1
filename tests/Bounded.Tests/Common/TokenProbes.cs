using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Tokens;
using Bounded.CodeFixes.Common.Tokens;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

#pragma warning disable RS1001, RS1004, RS1016, RS1017, RS1025, RS1026, RS1033, RS2008

namespace Bounded.Tests.Common
{
    /// <summary>Reports, at each call of a method named <c>Probe</c>, the token <see cref="TokenInScope"/> finds there (nothing when none).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TokenInScopeProbe : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Rule = new("TST3101", "Token in scope", "Token: {0} ({1})", "Test", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    if (invocation.TargetMethod.Name != "Probe")
                    {
                        return;
                    }

                    var token = TokenInScope.Find(invocation, KnownTypes.For(c.Compilation), c.CancellationToken);
                    if (token != null)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), token.Expression, token.Kind));
                    }
                },
                OperationKind.Invocation);
        }
    }

    /// <summary>Reports each call for which <see cref="TokenAcceptance.TryGetTokenForm"/> finds a form: method, index, name, overload.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TokenFormProbe : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Rule = new("TST3102", "Token form", "{0} #{1} {2} {3}", "Test", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    if (TokenAcceptance.TryGetTokenForm(invocation, KnownTypes.For(c.Compilation), out var form))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(
                            Rule,
                            invocation.Syntax.GetLocation(),
                            form.Method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                            form.ParameterIndex,
                            form.ParameterName,
                            form.IsOverload ? "overload" : "optional"));
                    }
                },
                OperationKind.Invocation);
        }
    }

    /// <summary>Adds the token in scope with <see cref="TokenArguments.AddToken"/> to a TST3102 call.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    public sealed class AddTokenProbeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TST3102");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call || model == null)
            {
                return;
            }

            var types = KnownTypes.For(model.Compilation);
            if (model.GetOperation(call, context.CancellationToken) is not IInvocationOperation operation
                || !TokenAcceptance.TryGetTokenForm(operation, types, out var form)
                || TokenInScope.Find(operation, types, context.CancellationToken) is not { } token)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add token",
                    _ =>
                    {
                        bool extension = TokenArguments.IsCalledAsExtension(call, form.Method, model);
                        var wrapped = TokenArguments.ArrayTypeFor(form, model, call.SpanStart) is { } arrayType
                            ? TokenArguments.WrapInArray(call, form.ArrayParameterIndex - (extension ? 1 : 0), arrayType)
                            : call;
                        var updated = TokenArguments.AddToken(wrapped, form.Method, form.ParameterIndex, form.ParameterName, SyntaxFactory.ParseExpression(token.Expression), extension);
                        return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(call, updated)));
                    },
                    "AddToken"),
                context.Diagnostics.First());
        }
    }
}
