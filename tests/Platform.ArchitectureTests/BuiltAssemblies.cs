using Mono.Cecil;

namespace Longgang.Platform.ArchitectureTests;

/// <summary>
/// The assemblies this test project was built with: the services it references and everything they reference, all
/// copied next to the tests. Read with Mono.Cecil, so nothing is loaded or run.
/// </summary>
public static class BuiltAssemblies
{
    public static string PathOf(string assemblyName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{assemblyName}.dll is not in the test output: does this project reference the project that builds it?", path);
        return path;
    }

    /// <summary>Reads an assembly; types from the repository's own assemblies can then be resolved to their definitions.</summary>
    public static ModuleDefinition Read(string assemblyName)
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(AppContext.BaseDirectory);
        return ModuleDefinition.ReadModule(PathOf(assemblyName), new ReaderParameters { AssemblyResolver = resolver });
    }
}
