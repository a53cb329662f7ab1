using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Bounded.CodeFixes.Api
{
    /// <summary>A DTO the fix maps to: an existing one (with FromDomain or a constructor taking the entity) or one it generates.</summary>
    internal sealed class DtoRef
    {
        public DtoRef(string name, string ns, bool usesConstructor)
        {
            Name = name;
            Namespace = ns;
            UsesConstructor = usesConstructor;
        }

        public string Name { get; }

        public string Namespace { get; }

        public bool UsesConstructor { get; }

        public string Map(string expression) => UsesConstructor ? $"new {Name}({expression})" : $"{Name}.FromDomain({expression})";

        public string Selector => UsesConstructor ? $"item => new {Name}(item)" : $"{Name}.FromDomain";
    }

    /// <summary>
    /// Plans the DTOs one fix (or one Fix All) needs in one project: reuses existing DTOs, generates each
    /// missing one once (nested entities get their own DTOs; entities on a cycle map to the related Id;
    /// secret-named properties are left out).
    /// </summary>
    internal sealed class DtoPlanner
    {
        private static readonly SymbolDisplayFormat TypeFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private readonly Compilation _compilation;
        private readonly Func<ITypeSymbol, bool> _isEntity;
        private readonly Dictionary<INamedTypeSymbol, DtoRef?> _responses = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<INamedTypeSymbol, DtoRef?> _requests = new(SymbolEqualityComparer.Default);

        public DtoPlanner(Compilation compilation, Func<ITypeSymbol, bool> isEntity, string targetNamespace)
        {
            _compilation = compilation;
            _isEntity = isEntity;
            TargetNamespace = targetNamespace;
        }

        public string TargetNamespace { get; }

        /// <summary>Documents to add: file name and text, in generation order.</summary>
        public List<(string FileName, string Text)> NewDocuments { get; } = new();

        public static bool IsSecret(string name) =>
            name.StartsWith("Password", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("Hash", StringComparison.OrdinalIgnoreCase)
            || name.IndexOf("Secret", StringComparison.OrdinalIgnoreCase) >= 0
            || name.EndsWith("Token", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "SecurityStamp", StringComparison.OrdinalIgnoreCase);

        // ---------------- responses (BND2001) ----------------

        public DtoRef? Response(INamedTypeSymbol entity)
        {
            entity = entity.OriginalDefinition;
            if (_responses.TryGetValue(entity, out var known))
            {
                return known;
            }

            if (entity.IsGenericType)
            {
                _responses[entity] = null;
                return null;
            }

            var existing = FindExisting(entity, entity.Name + "Response") ?? FindExisting(entity, entity.Name + "Dto");
            if (existing != null)
            {
                _responses[entity] = existing;
                return existing;
            }

            string name = entity.Name + "Response";
            if (NameTaken(name))
            {
                _responses[entity] = null;
                return null;
            }

            var dto = new DtoRef(name, TargetNamespace, usesConstructor: false);
            _responses[entity] = dto;

            var usings = new SortedSet<string>(UsingComparer.Instance);
            AddNamespaces(entity, usings);
            var parameters = new List<string>();
            var arguments = new List<string>();
            foreach (var property in ReadableProperties(entity))
            {
                var type = property.Type;
                bool nullable = type.NullableAnnotation == NullableAnnotation.Annotated && type.IsReferenceType;
                var element = SequenceElement(type);
                if (type is INamedTypeSymbol related && _isEntity(related) && !related.IsGenericType)
                {
                    if (Reaches(related, entity))
                    {
                        var id = IdProperty(related);
                        if (id == null)
                        {
                            continue;
                        }

                        var idType = id.Type;
                        string idTypeText = Display(idType, usings) + (nullable && !idType.IsReferenceType && idType.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T ? "?" : string.Empty);
                        if (nullable && idType.IsReferenceType && idType.NullableAnnotation != NullableAnnotation.Annotated)
                        {
                            idTypeText += "?";
                        }

                        parameters.Add($"{idTypeText} {property.Name}{id.Name}");
                        arguments.Add($"entity.{property.Name}{(nullable ? "?" : string.Empty)}.{id.Name}");
                        continue;
                    }

                    var nested = Response(related);
                    if (nested == null)
                    {
                        continue;
                    }

                    AddNamespace(nested.Namespace, usings);
                    parameters.Add($"{nested.Name}{(nullable ? "?" : string.Empty)} {property.Name}");
                    arguments.Add(nullable ? $"entity.{property.Name} is null ? null : {nested.Map("entity." + property.Name)}" : nested.Map("entity." + property.Name));
                    continue;
                }

                if (element is INamedTypeSymbol relatedElement && _isEntity(relatedElement))
                {
                    usings.Add("System.Collections.Generic");
                    usings.Add("System.Linq");
                    string receiver = "entity." + property.Name + (nullable ? "?" : string.Empty);
                    if (relatedElement.IsGenericType)
                    {
                        continue;
                    }

                    if (Reaches(relatedElement, entity))
                    {
                        var id = IdProperty(relatedElement);
                        if (id == null)
                        {
                            continue;
                        }

                        string singular = property.Name.EndsWith("s", StringComparison.Ordinal) && property.Name.Length > 1 ? property.Name.Substring(0, property.Name.Length - 1) : property.Name;
                        parameters.Add($"IReadOnlyList<{Display(id.Type, usings)}>{(nullable ? "?" : string.Empty)} {singular}{id.Name}s");
                        arguments.Add($"{receiver}.Select(item => item.{id.Name}).ToList()");
                        continue;
                    }

                    var nested = Response(relatedElement);
                    if (nested == null)
                    {
                        continue;
                    }

                    AddNamespace(nested.Namespace, usings);
                    parameters.Add($"IReadOnlyList<{nested.Name}>{(nullable ? "?" : string.Empty)} {property.Name}");
                    arguments.Add($"{receiver}.Select({nested.Selector}).ToList()");
                    continue;
                }

                if (Mentions(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default)))
                {
                    // An entity behind a wrapper the fix cannot map (a dictionary, a task...): leave it out rather than leak it.
                    continue;
                }

                parameters.Add($"{Display(type, usings)} {property.Name}");
                arguments.Add("entity." + property.Name);
            }

            var text = new StringBuilder();
            text.Append("public sealed record ").Append(name).Append(List(parameters, "    ")).Append('\n');
            text.Append("{\n");
            text.Append("    public static ").Append(name).Append(" FromDomain(").Append(entity.Name).Append(" entity) => new").Append(List(arguments, "        ")).Append(";\n");
            text.Append("}\n");
            NewDocuments.Add((name + ".cs", Wrap(usings, text.ToString())));
            return dto;
        }

        // ---------------- requests (BND2002) ----------------

        public DtoRef? Request(INamedTypeSymbol entity)
        {
            entity = entity.OriginalDefinition;
            if (_requests.TryGetValue(entity, out var known))
            {
                return known;
            }

            _requests[entity] = null;
            if (entity.IsGenericType || entity.IsAbstract || entity.IsStatic || entity.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                return null;
            }

            string name = entity.Name + "Request";
            var existingType = FindType(name);
            if (existingType != null)
            {
                bool maps = existingType.GetMembers("ToDomain").OfType<IMethodSymbol>().Any(m => !m.IsStatic && m.Parameters.Length == 0 && SymbolEqualityComparer.Default.Equals(m.ReturnType.OriginalDefinition, entity));
                var reused = maps ? new DtoRef(existingType.Name, existingType.ContainingNamespace.ToDisplayString(), usesConstructor: false) : null;
                _requests[entity] = reused;
                return reused;
            }

            if (NameTaken(name))
            {
                return null;
            }

            var usings = new SortedSet<string>(UsingComparer.Instance);
            AddNamespaces(entity, usings);
            var parameters = new List<string>();
            string? body = null;

            var parameterless = entity.InstanceConstructors.FirstOrDefault(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public);
            var properties = AllProperties(entity).ToList();
            if (parameterless != null || entity.TypeKind == TypeKind.Struct)
            {
                var settable = properties.Where(p => p.SetMethod is { DeclaredAccessibility: Accessibility.Public } && !p.IsStatic && !p.IsIndexer && !p.IsReadOnly).ToList();
                var usable = settable.Where(p => !IsExcludedForRequest(p.Name, p.Type)).ToList();
                bool requiredLeftOut = properties.Any(p => p.IsRequired && !usable.Contains(p, SymbolEqualityComparer.Default));
                if (usable.Count > 0 && !requiredLeftOut)
                {
                    foreach (var p in usable)
                    {
                        parameters.Add($"{Display(p.Type, usings)} {p.Name}");
                    }

                    body = $"new {entity.Name}\n    {{\n{string.Join(",\n", usable.Select(p => $"        {p.Name} = {p.Name}"))},\n    }}";
                }
            }

            if (body == null)
            {
                var byName = properties.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
                var constructor = entity.InstanceConstructors
                    .Where(c => c.DeclaredAccessibility == Accessibility.Public && c.Parameters.Length > 0
                        && c.Parameters.All(p => byName.ContainsKey(p.Name) && !IsExcludedForRequest(p.Name, p.Type)))
                    .OrderByDescending(c => c.Parameters.Length)
                    .FirstOrDefault();
                if (constructor == null || properties.Any(p => p.IsRequired))
                {
                    return null;
                }

                foreach (var p in constructor.Parameters)
                {
                    parameters.Add($"{Display(p.Type, usings)} {byName[p.Name].Name}");
                }

                body = $"new {entity.Name}({string.Join(", ", constructor.Parameters.Select(p => byName[p.Name].Name))})";
            }

            var text = new StringBuilder();
            text.Append("public sealed record ").Append(name).Append(List(parameters, "    ")).Append('\n');
            text.Append("{\n");
            text.Append("    public ").Append(entity.Name).Append(" ToDomain() => ").Append(body).Append(";\n");
            text.Append("}\n");
            NewDocuments.Add((name + ".cs", Wrap(usings, text.ToString())));
            var dto = new DtoRef(name, TargetNamespace, usesConstructor: false);
            _requests[entity] = dto;
            return dto;
        }

        private bool IsExcludedForRequest(string name, ITypeSymbol type) =>
            string.Equals(name, "Id", StringComparison.OrdinalIgnoreCase) || IsSecret(name) || Mentions(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

        // ---------------- helpers ----------------

        private DtoRef? FindExisting(INamedTypeSymbol entity, string name)
        {
            var type = FindType(name);
            if (type == null)
            {
                return null;
            }

            bool fromDomain = type.GetMembers("FromDomain").OfType<IMethodSymbol>().Any(m =>
                m.IsStatic && m.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type.OriginalDefinition, entity));
            if (fromDomain)
            {
                return new DtoRef(type.Name, type.ContainingNamespace.ToDisplayString(), usesConstructor: false);
            }

            bool constructor = type.InstanceConstructors.Any(c =>
                c.DeclaredAccessibility == Accessibility.Public && c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type.OriginalDefinition, entity));
            return constructor ? new DtoRef(type.Name, type.ContainingNamespace.ToDisplayString(), usesConstructor: true) : null;
        }

        private INamedTypeSymbol? FindType(string name) =>
            _compilation.GetSymbolsWithName(n => n == name, SymbolFilter.Type).OfType<INamedTypeSymbol>()
                .Where(t => t.Arity == 0)
                .OrderBy(t => t.ToDisplayString(), StringComparer.Ordinal)
                .FirstOrDefault();

        private bool NameTaken(string name) =>
            _compilation.GetSymbolsWithName(n => n == name, SymbolFilter.Type).Any()
            || NewDocuments.Any(d => d.FileName == name + ".cs");

        private static IEnumerable<IPropertySymbol> AllProperties(INamedTypeSymbol entity)
        {
            var chain = new List<INamedTypeSymbol>();
            for (var t = entity; t != null && t.SpecialType != SpecialType.System_Object && t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
            {
                chain.Insert(0, t);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<IPropertySymbol>();
            foreach (var type in chain)
            {
                foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
                {
                    if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public || property.IsImplicitlyDeclared)
                    {
                        continue;
                    }

                    if (seen.Add(property.Name))
                    {
                        result.Add(property);
                    }
                    else
                    {
                        result[result.FindIndex(p => p.Name == property.Name)] = property;
                    }
                }
            }

            return result;
        }

        private static IEnumerable<IPropertySymbol> ReadableProperties(INamedTypeSymbol entity) =>
            AllProperties(entity).Where(p => p.GetMethod is { DeclaredAccessibility: Accessibility.Public } && !IsSecret(p.Name));

        private static IPropertySymbol? IdProperty(INamedTypeSymbol entity) =>
            AllProperties(entity).FirstOrDefault(p => p.Name == "Id" && p.GetMethod is { DeclaredAccessibility: Accessibility.Public });

        /// <summary>The element type of an array or a generic collection/sequence of an entity the fix can map with Select.</summary>
        private ITypeSymbol? SequenceElement(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol array)
            {
                return array.ElementType;
            }

            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named && type.SpecialType != SpecialType.System_String)
            {
                var enumerable = _compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
                if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, enumerable)
                    || named.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, enumerable) && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], named.TypeArguments[0])))
                {
                    return named.TypeArguments[0];
                }
            }

            return null;
        }

        /// <summary>Entities directly referenced by an entity's mapped properties (itself or as a sequence element).</summary>
        private IEnumerable<INamedTypeSymbol> RelatedEntities(INamedTypeSymbol entity)
        {
            foreach (var property in ReadableProperties(entity))
            {
                var candidate = property.Type is INamedTypeSymbol named && _isEntity(named) ? named : SequenceElement(property.Type) as INamedTypeSymbol;
                if (candidate != null && _isEntity(candidate))
                {
                    yield return candidate.OriginalDefinition;
                }
            }
        }

        /// <summary>Whether <paramref name="target"/> is reachable from <paramref name="from"/> through mapped properties (a cycle when from is related to target).</summary>
        private bool Reaches(INamedTypeSymbol from, INamedTypeSymbol target)
        {
            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            var stack = new Stack<INamedTypeSymbol>();
            stack.Push(from.OriginalDefinition);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (SymbolEqualityComparer.Default.Equals(current, target.OriginalDefinition))
                {
                    return true;
                }

                if (seen.Add(current))
                {
                    foreach (var next in RelatedEntities(current))
                    {
                        stack.Push(next);
                    }
                }
            }

            return false;
        }

        private bool Mentions(ITypeSymbol type, HashSet<ITypeSymbol> seen)
        {
            if (!seen.Add(type))
            {
                return false;
            }

            if (type is IArrayTypeSymbol array)
            {
                return Mentions(array.ElementType, seen);
            }

            return type is INamedTypeSymbol named && (_isEntity(named) || named.TypeArguments.Any(a => Mentions(a, seen)));
        }

        private string Display(ITypeSymbol type, SortedSet<string> usings)
        {
            AddNamespaces(type, usings);
            return type.ToDisplayString(TypeFormat);
        }

        private void AddNamespaces(ITypeSymbol type, SortedSet<string> usings)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    AddNamespaces(array.ElementType, usings);
                    break;
                case INamedTypeSymbol named:
                    // Every type written by name needs its namespace: DateTime, IEnumerable<T> and IReadOnlyList<T> are special
                    // types too, and a file without implicit usings does not see System or System.Collections.Generic.
                    if (!HasKeyword(named.SpecialType))
                    {
                        var outer = named;
                        while (outer.ContainingType != null)
                        {
                            outer = outer.ContainingType;
                        }

                        if (named.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T && outer.ContainingNamespace is { IsGlobalNamespace: false } ns)
                        {
                            AddNamespace(ns.ToDisplayString(), usings);
                        }
                    }

                    foreach (var argument in named.TypeArguments)
                    {
                        AddNamespaces(argument, usings);
                    }

                    break;
            }
        }

        /// <summary>The type is written as a C# keyword (<c>int</c>, <c>string</c>, <c>object</c>...; TypeFormat uses them), so it needs no using.</summary>
        private static bool HasKeyword(SpecialType type) => type switch
        {
            SpecialType.System_Object or SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_SByte
                or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32
                or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Decimal
                or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_String or SpecialType.System_Void => true,
            _ => false,
        };

        /// <summary>Adds a using unless the namespace is the target namespace or encloses it (then it is already in scope).</summary>
        private void AddNamespace(string ns, SortedSet<string> usings)
        {
            if (ns.Length == 0 || TargetNamespace == ns || TargetNamespace.StartsWith(ns + ".", StringComparison.Ordinal))
            {
                return;
            }

            usings.Add(ns);
        }

        private static string List(List<string> items, string indent) =>
            items.Count <= 3
                ? "(" + string.Join(", ", items) + ")"
                : "(\n" + string.Join(",\n", items.Select(i => indent + i)) + ")";

        private string Wrap(SortedSet<string> usings, string type)
        {
            var text = new StringBuilder();
            foreach (var u in usings)
            {
                text.Append("using ").Append(u).Append(";\n");
            }

            if (usings.Count > 0)
            {
                text.Append('\n');
            }

            text.Append("namespace ").Append(TargetNamespace).Append("\n{\n");
            foreach (var line in type.TrimEnd('\n').Split('\n'))
            {
                text.Append(line.Length == 0 ? string.Empty : "    " + line).Append('\n');
            }

            text.Append("}\n");
            return text.ToString();
        }
    }

    /// <summary>System namespaces first, then ordinal: the order `dotnet format` keeps.</summary>
    internal sealed class UsingComparer : IComparer<string>
    {
        public static readonly UsingComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            bool xs = x == "System" || (x?.StartsWith("System.", StringComparison.Ordinal) ?? false);
            bool ys = y == "System" || (y?.StartsWith("System.", StringComparison.Ordinal) ?? false);
            return xs != ys ? (xs ? -1 : 1) : string.CompareOrdinal(x, y);
        }
    }
}
