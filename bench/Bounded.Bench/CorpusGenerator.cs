using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;

namespace Bounded.Bench
{
    /// <summary>One generated source file of a corpus.</summary>
    internal sealed record CorpusFile(string Path, string Text);

    /// <summary>A generated modular-monolith code base of about <see cref="TargetLines"/> lines.</summary>
    internal sealed record Corpus(string Name, int TargetLines, ImmutableArray<CorpusFile> Files, int Features, int Modules)
    {
        public int Lines => Files.Sum(f => CountLines(f.Text));

        private static int CountLines(string text) => text.Count(c => c == '\n');
    }

    /// <summary>
    /// Generates a realistic modular monolith (namespaces <c>Shop.Modules.&lt;Module&gt;.&lt;Layer&gt;</c>):
    /// entities and repository interfaces (Domain), services with tokens, fan-out and policies
    /// (Application), EF Core contexts, repositories, configurations and a background worker
    /// (Infrastructure), MVC controllers and minimal APIs (Api), DTOs (Contracts), module
    /// registration and a host. Deterministic for a seed. Every generated feature is correct code;
    /// a fixed rotation of features carries one deliberate violation of a rule each (see
    /// <see cref="Violation"/>), so every corpus of at least <see cref="ViolationPeriod"/> features
    /// holds a violation of every rule, for us and for the peers alike.
    /// </summary>
    internal static class CorpusGenerator
    {
        /// <summary>Violation kinds; feature i carries kind k when (i + k) % <see cref="ViolationPeriod"/> == 0.</summary>
        internal enum Violation
        {
            ForwardToken_OptionalLeftAtDefault,   // BND3001, CA2016, MA0040
            ForwardToken_AwaitForeach,            // BND3001, MA0079
            ForwardToken_OverloadWithToken,       // BND3001, CA2016, MA0040
            ForwardToken_ExplicitNone,            // BND3001 (HttpContext.RequestAborted in scope), and `default` in a minimal API
            AsyncWithoutToken,                    // BND3002, MA0032 (partially)
            Blocking_GetResult,                   // BND4001, VSTHRD002, MA0045
            Blocking_Result,                      // BND4001, VSTHRD002, MA0045
            SyncCounterpart_File,                 // BND4002, CA1849, VSTHRD103, MA0042, AsyncFixer02
            SyncCounterpart_Sleep,                // BND4002, CA1849?, VSTHRD103?, MA0042, AsyncFixer02
            SyncCounterpart_EfToList,             // BND4002, MA0042, CA1849
            UnboundedFanOut,                      // BND5001
            OtherDomainInternals,                 // BND1001
            LayerDirection,                       // BND1002
            FrameworkInDomain,                    // BND1003
            ReturnsEntity,                        // BND2001
            BindsEntity,                          // BND2002
            EntityInDto,                          // BND2003
        }

        internal const int ViolationPeriod = 10;

        private static readonly string[] ModuleNames =
            { "Ordering", "Billing", "Catalog", "Shipping", "Inventory", "Identity", "Payments", "Reviews" };

        private static readonly string[] Nouns =
        {
            "Order", "Invoice", "Product", "Shipment", "Customer", "Payment", "Review", "Coupon", "Warehouse",
            "Supplier", "Basket", "Refund", "Subscription", "Voucher", "Parcel", "Carrier", "Category", "Brand",
            "Listing", "Ticket", "Quote", "Agreement", "Delivery", "Receipt", "Discount", "Promotion", "Tariff",
            "Vendor", "Courier", "Wishlist", "Bundle", "Rebate", "Ledger", "Payout", "Manifest", "Pallet", "Dispute",
            "Campaign",
        };

        private static readonly string[] Qualifiers =
            { "", "Draft", "Regional", "Archived", "Partner", "Bulk", "Express", "Seasonal", "Premium", "Digital", "Internal", "Legacy" };

        private sealed record Prop(string Type, string Name, string Sample);

        private static readonly Prop[] OptionalProps =
        {
            new("string", "Description", "\"\""),
            new("decimal", "Price", "0m"),
            new("int", "Quantity", "1"),
            new("DateTimeOffset", "CreatedAt", "DateTimeOffset.UnixEpoch"),
            new("bool", "IsActive", "true"),
            new("string", "Code", "\"\""),
            new("Guid", "OwnerId", "Guid.Empty"),
            new("int", "Priority", "0"),
            new("decimal", "Weight", "0m"),
            new("string", "Currency", "\"EUR\""),
            new("DateTimeOffset?", "ClosedAt", "null"),
            new("string", "Reference", "\"\""),
        };

        private sealed record Feature(int Index, int ModuleIndex, string Module, string Name, Prop[] Props, bool MinimalApi)
        {
            public string Plural => Name.EndsWith("y", StringComparison.Ordinal) ? Name[..^1] + "ies" : Name + "s";

            public string Lower => char.ToLowerInvariant(Name[0]) + Name[1..];

            public string Route => Plural.ToLowerInvariant();

            public bool Has(Violation v) => (Index + (int)v) % ViolationPeriod == 0;
        }

        public static Corpus Generate(string name, int targetLines, int seed)
        {
            var random = new Random(seed);
            var shuffled = ModuleNames.Select(_ => Nouns.OrderBy(_ => random.Next()).ToArray()).ToArray();
            var files = new List<CorpusFile> { new("src/Shop.SharedKernel/Kernel.cs", SharedKernel()) };
            var features = new List<Feature>();
            int lines = Count(files[0].Text) + ModuleOverheadLines * ModuleNames.Length;

            while (lines < targetLines)
            {
                int index = features.Count;
                int moduleIndex = index % ModuleNames.Length;
                int k = index / ModuleNames.Length;
                string noun = shuffled[moduleIndex][k % Nouns.Length];
                string qualifier = Qualifiers[(k / Nouns.Length) % Qualifiers.Length];
                string suffix = k >= Nouns.Length * Qualifiers.Length ? (k / (Nouns.Length * Qualifiers.Length)).ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
                var props = OptionalProps.OrderBy(_ => random.Next()).Take(3 + random.Next(4)).ToArray();
                var feature = new Feature(index, moduleIndex, ModuleNames[moduleIndex], qualifier + noun + suffix, props, MinimalApi: random.Next(2) == 0);
                Feature? other = index > 0 ? features[index - 1] : null;
                features.Add(feature);

                foreach (var file in FeatureFiles(feature, other))
                {
                    files.Add(file);
                    lines += Count(file.Text);
                }
            }

            var usedModules = features.Select(f => f.ModuleIndex).Distinct().OrderBy(i => i).ToList();
            foreach (int m in usedModules)
            {
                var moduleFeatures = features.Where(f => f.ModuleIndex == m).ToList();
                files.Add(new($"src/Modules/{ModuleNames[m]}/Infrastructure/{ModuleNames[m]}DbContext.cs", DbContextFile(ModuleNames[m], moduleFeatures)));
                files.Add(new($"src/Modules/{ModuleNames[m]}/Infrastructure/{ModuleNames[m]}OutboxWorker.cs", WorkerFile(ModuleNames[m], unbounded: m % 2 == 1)));
                files.Add(new($"src/Modules/{ModuleNames[m]}/{ModuleNames[m]}Module.cs", ModuleFile(ModuleNames[m], moduleFeatures)));
            }

            files.Add(new("src/Shop.Host/Composition.cs", HostFile(usedModules.Select(m => ModuleNames[m]).ToList())));
            return new Corpus(name, targetLines, files.ToImmutableArray(), features.Count, usedModules.Count);
        }

        // Rough size of the per-module files (context, worker, registration), so the corpus lands near its target.
        private const int ModuleOverheadLines = 110;

        private static int Count(string text) => text.Count(c => c == '\n');

        private static IEnumerable<CorpusFile> FeatureFiles(Feature f, Feature? other)
        {
            string dir = $"src/Modules/{f.Module}";
            yield return new($"{dir}/Domain/{f.Name}.cs", EntityFile(f));
            yield return new($"{dir}/Domain/I{f.Name}Repository.cs", RepositoryInterfaceFile(f));
            yield return new($"{dir}/Contracts/{f.Name}Contracts.cs", ContractsFile(f));
            yield return new($"{dir}/Application/{f.Name}Service.cs", ServiceFile(f, other));
            yield return new($"{dir}/Infrastructure/{f.Name}Repository.cs", RepositoryFile(f));
            yield return f.MinimalApi
                ? new($"{dir}/Api/{f.Name}Endpoints.cs", EndpointsFile(f))
                : new($"{dir}/Api/{f.Plural}Controller.cs", ControllerFile(f));
        }

        private static string Lines(IEnumerable<string> lines, string indent) =>
            string.Join("\n", lines.Select(l => l.Length == 0 ? l : indent + l));

        private static string SharedKernel() => """
            using System;
            using System.Collections.Generic;

            namespace Shop.SharedKernel
            {
                public abstract class Entity
                {
                    protected Entity()
                    {
                    }

                    protected Entity(Guid id)
                    {
                        if (id == Guid.Empty)
                        {
                            throw new DomainException("An entity needs an identifier.");
                        }

                        Id = id;
                    }

                    public Guid Id { get; protected set; }

                    public DateTimeOffset UpdatedAt { get; private set; }

                    protected void Touch() => UpdatedAt = DateTimeOffset.UtcNow;
                }

                public abstract class AggregateRoot : Entity
                {
                    private readonly List<object> events = new();

                    protected AggregateRoot()
                    {
                    }

                    protected AggregateRoot(Guid id)
                        : base(id)
                    {
                    }

                    public IReadOnlyList<object> DomainEvents => events;

                    protected void Raise(object domainEvent) => events.Add(domainEvent);

                    public void ClearEvents() => events.Clear();
                }

                public sealed class DomainException : Exception
                {
                    public DomainException(string message)
                        : base(message)
                    {
                    }
                }

                public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
            }

            """;

        private static string EntityFile(Feature f)
        {
            var sb = new StringBuilder();
            sb.Append("using System;\nusing System.Collections.Generic;\nusing System.Linq;\n");
            if (f.Has(Violation.FrameworkInDomain))
            {
                sb.Append("using Microsoft.EntityFrameworkCore;\n");
            }

            sb.Append("using Shop.SharedKernel;\n\n");
            string ctorParams = string.Join(", ", f.Props.Select(p => $"{p.Type} {Camel(p.Name)}"));
            string assigns = Lines(f.Props.Select(p => $"{p.Name} = {Camel(p.Name)};"), "            ");
            string props = Lines(f.Props.Select(p => $"public {p.Type} {p.Name} {{ get; private set; }}\n"), "        ");
            string defaults = Lines(f.Props.Select(p => $"{p.Name} = {p.Sample};"), "            ");
            string index = f.Has(Violation.FrameworkInDomain) ? "    [Index(nameof(Name))]\n" : string.Empty;
            string policy = f.Has(Violation.LayerDirection)
                ? $$"""

                        public void ApplyPolicy(Shop.Modules.{{f.Module}}.Application.{{f.Name}}Policy policy)
                        {
                            while (notes.Count > policy.MaxNotes)
                            {
                                notes.RemoveAt(0);
                            }

                            Touch();
                        }

                """
                : string.Empty;
            sb.Append($$"""
                namespace Shop.Modules.{{f.Module}}.Domain
                {
                {{index}}    public sealed class {{f.Name}} : AggregateRoot
                    {
                        private readonly List<{{f.Name}}Note> notes = new();

                        private {{f.Name}}()
                        {
                            Name = string.Empty;
                {{defaults}}
                        }

                        public {{f.Name}}(Guid id, string name, {{ctorParams}})
                            : base(id)
                        {
                            if (string.IsNullOrWhiteSpace(name))
                            {
                                throw new DomainException("A {{f.Lower}} needs a name.");
                            }

                            Name = name;
                {{assigns}}
                            Raise(new {{f.Name}}Created(id, name));
                        }

                        public string Name { get; private set; }

                {{props}}
                        public IReadOnlyList<{{f.Name}}Note> Notes => notes;

                        public bool HasNotes => notes.Any();

                        public void Rename(string name)
                        {
                            if (string.IsNullOrWhiteSpace(name))
                            {
                                throw new DomainException("A {{f.Lower}} needs a name.");
                            }

                            if (name == Name)
                            {
                                return;
                            }

                            Name = name;
                            Touch();
                        }

                        public {{f.Name}}Note AddNote(string text, DateTimeOffset at)
                        {
                            var note = new {{f.Name}}Note(Guid.NewGuid(), text, at);
                            notes.Add(note);
                            Touch();
                            return note;
                        }
                {{policy}}    }

                    public sealed class {{f.Name}}Note : Entity
                    {
                        private {{f.Name}}Note()
                        {
                            Text = string.Empty;
                        }

                        public {{f.Name}}Note(Guid id, string text, DateTimeOffset writtenAt)
                            : base(id)
                        {
                            Text = text;
                            WrittenAt = writtenAt;
                        }

                        public string Text { get; private set; }

                        public DateTimeOffset WrittenAt { get; private set; }
                    }

                    public sealed record {{f.Name}}Created(Guid Id, string Name);
                }

                """);
            return sb.ToString();
        }

        private static string RepositoryInterfaceFile(Feature f) => $$"""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Shop.Modules.{{f.Module}}.Domain
            {
                public interface I{{f.Name}}Repository
                {
                    Task<{{f.Name}}?> FindAsync(Guid id, CancellationToken cancellationToken = default);

                    Task<IReadOnlyList<{{f.Name}}>> ListAsync(int skip, int take, CancellationToken cancellationToken = default);

                    IAsyncEnumerable<{{f.Name}}> StreamAsync();

                    Task<int> CountAsync(CancellationToken cancellationToken = default);

                    void Add({{f.Name}} entity);

                    Task SaveChangesAsync(CancellationToken cancellationToken = default);
                }
            }

            """;

        private static string ContractsFile(Feature f)
        {
            string dtoParams = string.Join(", ", new[] { "Guid Id", "string Name" }.Concat(f.Props.Select(p => $"{p.Type} {p.Name}")));
            string createParams = string.Join(", ", new[] { "string Name" }.Concat(f.Props.Select(p => $"{p.Type} {p.Name}")));
            string details = f.Has(Violation.EntityInDto)
                ? $"\n    public sealed record {f.Name}DetailsResponse(Guid Id, Shop.Modules.{f.Module}.Domain.{f.Name} Source, IReadOnlyList<string> Notes);\n"
                : $"\n    public sealed record {f.Name}DetailsResponse(Guid Id, {f.Name}Dto Summary, IReadOnlyList<string> Notes);\n";
            return $$"""
                using System;
                using System.Collections.Generic;

                namespace Shop.Modules.{{f.Module}}.Contracts
                {
                    public sealed record {{f.Name}}Dto({{dtoParams}});

                    public sealed record Create{{f.Name}}Request({{createParams}});

                    public sealed record Rename{{f.Name}}Request(string Name);
                {{details}}}

                """;
        }

        private static string ServiceFile(Feature f, Feature? other)
        {
            string ns = $"Shop.Modules.{f.Module}";
            bool crossDomain = other is not null && f.Has(Violation.OtherDomainInternals);
            string otherField = crossDomain ? $"\n        private readonly Shop.Modules.{other!.Module}.Application.{other.Name}Service related;\n" : string.Empty;
            string otherParam = crossDomain ? $", Shop.Modules.{other!.Module}.Application.{other.Name}Service related" : string.Empty;
            string otherAssign = crossDomain ? "\n            this.related = related;" : string.Empty;
            string relatedMethod = crossDomain
                ? $$"""

                        public async Task<bool> IsLinkedAsync(Guid id, Guid relatedId, CancellationToken cancellationToken)
                        {
                            var mine = await GetAsync(id, cancellationToken);
                            var theirs = await related.GetAsync(relatedId, cancellationToken);
                            return mine is not null && theirs is not null;
                        }

                """
                : other is not null
                    ? $$"""

                        public Task<bool> AcceptsAsync(Shop.Modules.{{other.Module}}.Contracts.{{other.Name}}Dto candidate, CancellationToken cancellationToken)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            return Task.FromResult(candidate.Id != Guid.Empty && !string.IsNullOrEmpty(candidate.Name));
                        }

                """
                    : string.Empty;
            string newArgs = string.Join(", ", new[] { "Guid.NewGuid()", "request.Name" }.Concat(f.Props.Select(p => $"request.{p.Name}")));
            string dtoArgs = string.Join(", ", new[] { "entity.Id", "entity.Name" }.Concat(f.Props.Select(p => $"entity.{p.Name}")));
            string save = f.Has(Violation.ForwardToken_OptionalLeftAtDefault) ? "repository.SaveChangesAsync()" : "repository.SaveChangesAsync(cancellationToken)";
            string stream = f.Has(Violation.ForwardToken_AwaitForeach) ? "repository.StreamAsync()" : "repository.StreamAsync().WithCancellation(cancellationToken)";
            string get = f.Has(Violation.ForwardToken_OverloadWithToken) ? $"http.GetAsync(new Uri($\"/{f.Route}/{{id}}\", UriKind.Relative))" : $"http.GetAsync(new Uri($\"/{f.Route}/{{id}}\", UriKind.Relative), cancellationToken)";
            string write = f.Has(Violation.SyncCounterpart_File)
                ? "File.WriteAllLines(path, lines);"
                : "await File.WriteAllLinesAsync(path, lines, cancellationToken);";
            string pause = f.Has(Violation.SyncCounterpart_Sleep)
                ? "Thread.Sleep(policy.QuietPeriodMilliseconds);\n            await Task.Yield();"
                : "await Task.Delay(policy.QuietPeriodMilliseconds, cancellationToken);";
            string fanOut = f.Has(Violation.UnboundedFanOut)
                ? """
                            var results = await Task.WhenAll(ids.Select(id => RefreshOneAsync(id, cancellationToken)));
                            return results.Count(ok => ok);
                """
                : """
                            using var throttle = new SemaphoreSlim(policy.MaxConcurrency);
                            var results = await Task.WhenAll(ids.Select(async id =>
                            {
                                await throttle.WaitAsync(cancellationToken);
                                try
                                {
                                    return await RefreshOneAsync(id, cancellationToken);
                                }
                                finally
                                {
                                    throttle.Release();
                                }
                            }));
                            return results.Count(ok => ok);
                """;
            var extras = new StringBuilder();
            if (f.Has(Violation.AsyncWithoutToken))
            {
                extras.Append($$"""

                        public async Task WarmUpAsync()
                        {
                            await Task.Delay(10);
                            using var response = await http.GetAsync(new Uri("/{{f.Route}}/health", UriKind.Relative));
                            logger.LogInformation("{{f.Name}} warm-up: {Status}", response.StatusCode);
                        }

                """);
            }

            if (f.Has(Violation.Blocking_GetResult))
            {
                extras.Append($$"""

                        public {{f.Name}}Dto? Get(Guid id)
                        {
                            return GetAsync(id, CancellationToken.None).GetAwaiter().GetResult();
                        }

                """);
            }

            if (f.Has(Violation.Blocking_Result))
            {
                extras.Append("""

                        public int Count()
                        {
                            var count = repository.CountAsync().Result;
                            return count;
                        }

                """);
            }

            if (f.Index % 3 == 0)
            {
                // Not a violation: the tasks are known to be complete after Task.WhenAll.
                extras.Append($$"""

                        public async Task<{{f.Name}}Dto?[]> GetPairAsync(Guid first, Guid second, CancellationToken cancellationToken)
                        {
                            var a = GetAsync(first, cancellationToken);
                            var b = GetAsync(second, cancellationToken);
                            await Task.WhenAll(a, b);
                            return new[] { a.Result, b.Result };
                        }

                """);
            }

            return $$"""
                using System;
                using System.Collections.Generic;
                using System.IO;
                using System.Linq;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Logging;
                using Shop.SharedKernel;
                using {{ns}}.Contracts;
                using {{ns}}.Domain;

                namespace {{ns}}.Application
                {
                    public sealed class {{f.Name}}Policy
                    {
                        public int MaxNotes { get; init; } = 20;

                        public int PageSize { get; init; } = 50;

                        public int MaxConcurrency { get; init; } = 8;

                        public int QuietPeriodMilliseconds { get; init; } = 250;
                    }

                    internal static class {{f.Name}}Mappings
                    {
                        public static {{f.Name}}Dto ToDto(this {{f.Name}} entity) => new({{dtoArgs}});
                    }

                    public sealed class {{f.Name}}Service
                    {
                        private readonly I{{f.Name}}Repository repository;
                        private readonly HttpClient http;
                        private readonly ILogger<{{f.Name}}Service> logger;
                        private readonly {{f.Name}}Policy policy = new();
                {{otherField}}
                        public {{f.Name}}Service(I{{f.Name}}Repository repository, HttpClient http, ILogger<{{f.Name}}Service> logger{{otherParam}})
                        {
                            this.repository = repository;
                            this.http = http;
                            this.logger = logger;{{otherAssign}}
                        }

                        public async Task<{{f.Name}}Dto?> GetAsync(Guid id, CancellationToken cancellationToken)
                        {
                            var entity = await repository.FindAsync(id, cancellationToken).ConfigureAwait(false);
                            if (entity is null)
                            {
                                logger.LogInformation("{{f.Name}} {Id} was not found", id);
                                return null;
                            }

                            return entity.ToDto();
                        }

                        public async Task<PagedResult<{{f.Name}}Dto>> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
                        {
                            if (page < 1)
                            {
                                throw new ArgumentOutOfRangeException(nameof(page));
                            }

                            var size = Math.Clamp(pageSize, 1, policy.PageSize);
                            var items = await repository.ListAsync((page - 1) * size, size, cancellationToken);
                            var total = await repository.CountAsync(cancellationToken);
                            return new PagedResult<{{f.Name}}Dto>(items.Select(x => x.ToDto()).ToList(), page, size, total);
                        }

                        public async Task<{{f.Name}}Dto> CreateAsync(Create{{f.Name}}Request request, CancellationToken cancellationToken)
                        {
                            var entity = new {{f.Name}}({{newArgs}});
                            repository.Add(entity);
                            await {{save}};
                            logger.LogInformation("{{f.Name}} {Id} created", entity.Id);
                            return entity.ToDto();
                        }

                        public async Task RenameAsync(Guid id, string name, CancellationToken cancellationToken)
                        {
                            var entity = await repository.FindAsync(id, cancellationToken)
                                ?? throw new KeyNotFoundException($"{{f.Name}} {id} does not exist.");
                            entity.Rename(name);
                            await repository.SaveChangesAsync(cancellationToken);
                        }

                        public async Task<int> RefreshAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
                        {
                            if (ids.Count == 0)
                            {
                                return 0;
                            }

                {{fanOut}}
                        }

                        private async Task<bool> RefreshOneAsync(Guid id, CancellationToken cancellationToken)
                        {
                            using var response = await {{get}};
                            if (!response.IsSuccessStatusCode)
                            {
                                logger.LogWarning("Refreshing {{f.Name}} {Id} failed: {Status}", id, response.StatusCode);
                                return false;
                            }

                            return true;
                        }

                        public async Task ExportAsync(string path, CancellationToken cancellationToken)
                        {
                            var lines = new List<string>();
                            await foreach (var entity in {{stream}})
                            {
                                lines.Add($"{entity.Id};{entity.Name};{entity.Notes.Count}");
                            }

                            {{write}}
                        }

                        public async Task WaitForQuietPeriodAsync(CancellationToken cancellationToken)
                        {
                            {{pause}}
                            logger.LogDebug("Quiet period over for {{f.Name}}");
                        }
                {{relatedMethod}}{{extras}}    }
                }

                """;
        }

        private static string RepositoryFile(Feature f)
        {
            string list = f.Has(Violation.SyncCounterpart_EfToList)
                ? """
                            var total = await db.{{SET}}.CountAsync(cancellationToken);
                            return total == 0 ? Array.Empty<{{T}}>() : query.ToList();
                """
                : """
                            return await query.ToListAsync(cancellationToken);
                """;
            list = list.Replace("{{SET}}", f.Plural, StringComparison.Ordinal).Replace("{{T}}", f.Name, StringComparison.Ordinal);
            string config = Lines(
                f.Props.Where(p => p.Type is "string" or "decimal").Select(p => p.Type == "string"
                    ? $"builder.Property(x => x.{p.Name}).HasMaxLength(200);"
                    : $"builder.Property(x => x.{p.Name}).HasPrecision(18, 2);"),
                "            ");
            return $$"""
                using System;
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;
                using Microsoft.EntityFrameworkCore.Metadata.Builders;
                using Shop.Modules.{{f.Module}}.Domain;

                namespace Shop.Modules.{{f.Module}}.Infrastructure
                {
                    internal sealed class {{f.Name}}Repository : I{{f.Name}}Repository
                    {
                        private readonly {{f.Module}}DbContext db;

                        public {{f.Name}}Repository({{f.Module}}DbContext db)
                        {
                            this.db = db;
                        }

                        public Task<{{f.Name}}?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
                            db.{{f.Plural}}.Include(x => x.Notes).FirstOrDefaultAsync(x => x.Id == id, cancellationToken);

                        public async Task<IReadOnlyList<{{f.Name}}>> ListAsync(int skip, int take, CancellationToken cancellationToken = default)
                        {
                            var query = db.{{f.Plural}}.AsNoTracking().OrderBy(x => x.Name).ThenBy(x => x.Id).Skip(skip).Take(take);
                {{list}}
                        }

                        public IAsyncEnumerable<{{f.Name}}> StreamAsync() => db.{{f.Plural}}.AsNoTracking().AsAsyncEnumerable();

                        public Task<int> CountAsync(CancellationToken cancellationToken = default) => db.{{f.Plural}}.CountAsync(cancellationToken);

                        public void Add({{f.Name}} entity) => db.{{f.Plural}}.Add(entity);

                        public Task SaveChangesAsync(CancellationToken cancellationToken = default) => db.SaveChangesAsync(cancellationToken);
                    }

                    internal sealed class {{f.Name}}Configuration : IEntityTypeConfiguration<{{f.Name}}>
                    {
                        public void Configure(EntityTypeBuilder<{{f.Name}}> builder)
                        {
                            builder.HasIndex(x => x.Name);
                            builder.HasKey(x => x.Id);
                            builder.Property(x => x.Name).HasMaxLength(200).IsRequired();
                {{config}}
                            builder.HasMany(x => x.Notes).WithOne().OnDelete(DeleteBehavior.Cascade);
                            builder.Ignore(x => x.DomainEvents);
                        }
                    }
                }

                """;
        }

        private static string ControllerFile(Feature f)
        {
            string ns = $"Shop.Modules.{f.Module}";
            string renameToken = f.Has(Violation.ForwardToken_ExplicitNone) ? "CancellationToken.None" : "HttpContext.RequestAborted";
            var extras = new StringBuilder();
            if (f.Has(Violation.ReturnsEntity))
            {
                extras.Append($$"""

                        [HttpGet("{id:guid}/raw")]
                        public async Task<ActionResult<{{f.Name}}>> GetRaw(Guid id, CancellationToken cancellationToken)
                        {
                            var entity = await repository.FindAsync(id, cancellationToken);
                            return entity is null ? NotFound() : Ok(entity);
                        }

                """);
            }

            if (f.Has(Violation.BindsEntity))
            {
                extras.Append($$"""

                        [HttpPut("{id:guid}")]
                        public async Task<IActionResult> Replace(Guid id, [FromBody] {{f.Name}} entity, CancellationToken cancellationToken)
                        {
                            if (entity.Id != id)
                            {
                                return BadRequest();
                            }

                            repository.Add(entity);
                            await repository.SaveChangesAsync(cancellationToken);
                            return NoContent();
                        }

                """);
            }

            return $$"""
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Shop.SharedKernel;
                using {{ns}}.Application;
                using {{ns}}.Contracts;
                using {{ns}}.Domain;

                namespace {{ns}}.Api
                {
                    [ApiController]
                    [Route("api/{{f.Module.ToLowerInvariant()}}/{{f.Route}}")]
                    public sealed class {{f.Plural}}Controller : ControllerBase
                    {
                        private readonly {{f.Name}}Service service;
                        private readonly I{{f.Name}}Repository repository;

                        public {{f.Plural}}Controller({{f.Name}}Service service, I{{f.Name}}Repository repository)
                        {
                            this.service = service;
                            this.repository = repository;
                        }

                        [HttpGet("{id:guid}")]
                        public async Task<ActionResult<{{f.Name}}Dto>> Get(Guid id, CancellationToken cancellationToken)
                        {
                            var dto = await service.GetAsync(id, cancellationToken);
                            return dto is null ? NotFound() : Ok(dto);
                        }

                        [HttpGet]
                        public async Task<ActionResult<PagedResult<{{f.Name}}Dto>>> List([FromQuery] int page = 1, [FromQuery] int pageSize = 50, CancellationToken cancellationToken = default)
                        {
                            return Ok(await service.ListAsync(page, pageSize, cancellationToken));
                        }

                        [HttpPost]
                        public async Task<ActionResult<{{f.Name}}Dto>> Create([FromBody] Create{{f.Name}}Request request, CancellationToken cancellationToken)
                        {
                            var dto = await service.CreateAsync(request, cancellationToken);
                            return CreatedAtAction(nameof(Get), new { id = dto.Id }, dto);
                        }

                        [HttpPut("{id:guid}/name")]
                        public async Task<IActionResult> Rename(Guid id, [FromBody] Rename{{f.Name}}Request request)
                        {
                            await service.RenameAsync(id, request.Name, {{renameToken}});
                            return NoContent();
                        }
                {{extras}}    }
                }

                """;
        }

        private static string EndpointsFile(Feature f)
        {
            string ns = $"Shop.Modules.{f.Module}";
            string deleteToken = f.Has(Violation.ForwardToken_ExplicitNone) ? "default" : "cancellationToken";
            var extras = new StringBuilder();
            if (f.Has(Violation.ReturnsEntity))
            {
                extras.Append($$"""

                            group.MapGet("/{id:guid}/raw", async (Guid id, I{{f.Name}}Repository repository, CancellationToken cancellationToken) =>
                                Results.Ok(await repository.FindAsync(id, cancellationToken)));

                """);
            }

            if (f.Has(Violation.BindsEntity))
            {
                extras.Append($$"""

                            group.MapPut("/{id:guid}", async (Guid id, {{f.Name}} entity, I{{f.Name}}Repository repository, CancellationToken cancellationToken) =>
                            {
                                if (entity.Id != id)
                                {
                                    return Results.BadRequest();
                                }

                                repository.Add(entity);
                                await repository.SaveChangesAsync(cancellationToken);
                                return Results.NoContent();
                            });

                """);
            }

            return $$"""
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;
                using Microsoft.AspNetCore.Routing;
                using {{ns}}.Application;
                using {{ns}}.Contracts;
                using {{ns}}.Domain;

                namespace {{ns}}.Api
                {
                    public static class {{f.Name}}Endpoints
                    {
                        public static IEndpointRouteBuilder Map{{f.Name}}Endpoints(this IEndpointRouteBuilder app)
                        {
                            var group = app.MapGroup("/api/{{f.Module.ToLowerInvariant()}}/{{f.Route}}");

                            group.MapGet("/{id:guid}", async (Guid id, {{f.Name}}Service service, CancellationToken cancellationToken) =>
                            {
                                var dto = await service.GetAsync(id, cancellationToken);
                                return dto is null ? Results.NotFound() : Results.Ok(dto);
                            });

                            group.MapGet("/", async (int? page, {{f.Name}}Service service, CancellationToken cancellationToken) =>
                                Results.Ok(await service.ListAsync(page ?? 1, 50, cancellationToken)));

                            group.MapPost("/", async (Create{{f.Name}}Request request, {{f.Name}}Service service, CancellationToken cancellationToken) =>
                            {
                                var dto = await service.CreateAsync(request, cancellationToken);
                                return Results.Created($"/api/{{f.Module.ToLowerInvariant()}}/{{f.Route}}/{dto.Id}", dto);
                            });

                            group.MapPut("/{id:guid}/name", async (Guid id, Rename{{f.Name}}Request request, {{f.Name}}Service service, CancellationToken cancellationToken) =>
                            {
                                await service.RenameAsync(id, request.Name, {{deleteToken}});
                                return Results.NoContent();
                            });
                {{extras}}
                            return app;
                        }
                    }
                }

                """;
        }

        private static string DbContextFile(string module, IReadOnlyList<Feature> features)
        {
            string sets = Lines(features.Select(f => $"public DbSet<{f.Name}> {f.Plural} => Set<{f.Name}>();\n"), "        ");
            return $$"""
                using System;
                using Microsoft.EntityFrameworkCore;
                using Shop.Modules.{{module}}.Domain;

                namespace Shop.Modules.{{module}}.Infrastructure
                {
                    public sealed class {{module}}DbContext : DbContext
                    {
                        public {{module}}DbContext(DbContextOptions<{{module}}DbContext> options)
                            : base(options)
                        {
                        }

                {{sets}}
                        public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

                        protected override void OnModelCreating(ModelBuilder modelBuilder)
                        {
                            modelBuilder.HasAnnotation("Shop:Module", "{{module.ToLowerInvariant()}}");
                            modelBuilder.ApplyConfigurationsFromAssembly(typeof({{module}}DbContext).Assembly);
                            modelBuilder.Entity<OutboxMessage>().HasKey(m => m.Id);
                        }
                    }

                    public sealed class OutboxMessage
                    {
                        public Guid Id { get; set; }

                        public string Type { get; set; } = string.Empty;

                        public string Payload { get; set; } = string.Empty;

                        public DateTimeOffset OccurredAt { get; set; }

                        public DateTimeOffset? ProcessedAt { get; set; }
                    }
                }

                """;
        }

        private static string WorkerFile(string module, bool unbounded)
        {
            string publish = unbounded
                ? """
                                var tasks = new List<Task>();
                                foreach (var message in pending)
                                {
                                    tasks.Add(PublishAsync(message, stoppingToken));
                                }

                                await Task.WhenAll(tasks);
                """
                : """
                                var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stoppingToken };
                                await Parallel.ForEachAsync(pending, options, async (message, token) => await PublishAsync(message, token));
                """;
            return $$"""
                using System;
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;
                using Microsoft.Extensions.DependencyInjection;
                using Microsoft.Extensions.Hosting;
                using Microsoft.Extensions.Logging;

                namespace Shop.Modules.{{module}}.Infrastructure
                {
                    internal sealed class {{module}}OutboxWorker : BackgroundService
                    {
                        private readonly IServiceScopeFactory scopes;
                        private readonly ILogger<{{module}}OutboxWorker> logger;

                        public {{module}}OutboxWorker(IServiceScopeFactory scopes, ILogger<{{module}}OutboxWorker> logger)
                        {
                            this.scopes = scopes;
                            this.logger = logger;
                        }

                        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                        {
                            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
                            while (await timer.WaitForNextTickAsync(stoppingToken))
                            {
                                using var scope = scopes.CreateScope();
                                var db = scope.ServiceProvider.GetRequiredService<{{module}}DbContext>();
                                var pending = await db.OutboxMessages
                                    .Where(m => m.ProcessedAt == null)
                                    .OrderBy(m => m.OccurredAt)
                                    .Take(100)
                                    .ToListAsync(stoppingToken);
                {{publish}}
                                foreach (var message in pending)
                                {
                                    message.ProcessedAt = DateTimeOffset.UtcNow;
                                }

                                await db.SaveChangesAsync(stoppingToken);
                            }
                        }

                        private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
                        {
                            await Task.Delay(5, cancellationToken);
                            logger.LogDebug("Published {Type} {Id}", message.Type, message.Id);
                        }
                    }
                }

                """;
        }

        private static string ModuleFile(string module, IReadOnlyList<Feature> features)
        {
            string registrations = Lines(features.SelectMany(f => new[]
            {
                $"services.AddScoped<I{f.Name}Repository, {f.Name}Repository>();",
                $"services.AddHttpClient<{f.Name}Service>(client => client.BaseAddress = new Uri(\"https://{module.ToLowerInvariant()}.internal\"));",
            }), "            ");
            string maps = Lines(features.Where(f => f.MinimalApi).Select(f => $"app.Map{f.Name}Endpoints();"), "            ");
            return $$"""
                using System;
                using Microsoft.AspNetCore.Routing;
                using Microsoft.EntityFrameworkCore;
                using Microsoft.Extensions.DependencyInjection;
                using Shop.Modules.{{module}}.Api;
                using Shop.Modules.{{module}}.Application;
                using Shop.Modules.{{module}}.Domain;
                using Shop.Modules.{{module}}.Infrastructure;

                namespace Shop.Modules.{{module}}
                {
                    public static class {{module}}Module
                    {
                        public static IServiceCollection Add{{module}}Module(this IServiceCollection services, string connectionString)
                        {
                            services.AddDbContext<{{module}}DbContext>(options => options.EnableSensitiveDataLogging(false));
                            services.AddHostedService<{{module}}OutboxWorker>();
                {{registrations}}
                            _ = connectionString;
                            return services;
                        }

                        public static IEndpointRouteBuilder Map{{module}}Module(this IEndpointRouteBuilder app)
                        {
                {{maps}}
                            return app;
                        }
                    }
                }

                """;
        }

        private static string HostFile(IReadOnlyList<string> modules)
        {
            string adds = Lines(modules.Select(m => $"builder.Services.Add{m}Module(builder.Configuration.GetConnectionString(\"{m}\") ?? string.Empty);"), "            ");
            string maps = Lines(modules.Select(m => $"app.Map{m}Module();"), "            ");
            string usings = string.Join("\n", modules.Select(m => $"using Shop.Modules.{m};"));
            return $$"""
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.Configuration;
                using Microsoft.Extensions.DependencyInjection;
                {{usings}}

                namespace Shop.Host
                {
                    public static class Composition
                    {
                        public static WebApplication Build(string[] args)
                        {
                            var builder = WebApplication.CreateBuilder(args);
                            builder.Services.AddControllers();
                {{adds}}
                            var app = builder.Build();
                            app.MapControllers();
                {{maps}}
                            return app;
                        }
                    }
                }

                """;
        }

        private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
    }
}
