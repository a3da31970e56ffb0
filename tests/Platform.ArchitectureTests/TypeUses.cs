using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Longgang.Platform.ArchitectureTests;

/// <summary>A type that a type mentions, and where: its signature, an attribute, or an instruction in a method body.</summary>
public sealed record TypeUse(string Where, TypeReference Type);

/// <summary>
/// Every type a compiled type mentions: base type, interfaces, generic constraints, attributes (with their typeof
/// arguments), fields, properties, events, method signatures, and method bodies (locals, catch clauses, and every
/// type, method and field an instruction names). Generic instances, arrays and the like are taken apart, so
/// <c>List&lt;DbSet&lt;X&gt;&gt;[]</c> yields <c>List`1</c>, <c>DbSet`1</c> and <c>X</c>. Compiler-generated nested types
/// (lambdas' closures, async state machines, iterators) are types of their own in the module and are read like any other.
/// </summary>
public static class TypeUses
{
    public static IEnumerable<TypeUse> Of(TypeDefinition type)
    {
        var name = type.FullName;
        var uses = new List<TypeUse>();
        void Add(string where, TypeReference? used)
        {
            foreach (var leaf in Leaves(used)) uses.Add(new TypeUse(where, leaf));
        }

        Add($"{name}: base type", type.BaseType);
        foreach (var implementation in type.Interfaces)
        {
            Add($"{name}: interface", implementation.InterfaceType);
            AddAttributes(Add, $"{name}: interface attribute", implementation.CustomAttributes);
        }
        AddGenericParameters(Add, name, type.GenericParameters);
        AddAttributes(Add, $"{name}: attribute", type.CustomAttributes);

        foreach (var field in type.Fields)
        {
            Add($"{name}.{field.Name}: field type", field.FieldType);
            AddAttributes(Add, $"{name}.{field.Name}: attribute", field.CustomAttributes);
        }
        foreach (var property in type.Properties)
        {
            Add($"{name}.{property.Name}: property type", property.PropertyType);
            AddAttributes(Add, $"{name}.{property.Name}: attribute", property.CustomAttributes);
        }
        foreach (var @event in type.Events)
        {
            Add($"{name}.{@event.Name}: event type", @event.EventType);
            AddAttributes(Add, $"{name}.{@event.Name}: attribute", @event.CustomAttributes);
        }
        foreach (var method in type.Methods)
            AddMethod(Add, $"{name}.{method.Name}", method);
        return uses;
    }

    private static void AddMethod(Action<string, TypeReference?> add, string where, MethodDefinition method)
    {
        add($"{where}: return type", method.ReturnType);
        AddAttributes(add, $"{where}: return attribute", method.MethodReturnType.CustomAttributes);
        foreach (var parameter in method.Parameters)
        {
            add($"{where}: parameter {parameter.Name}", parameter.ParameterType);
            AddAttributes(add, $"{where}: parameter {parameter.Name} attribute", parameter.CustomAttributes);
        }
        AddGenericParameters(add, where, method.GenericParameters);
        AddAttributes(add, $"{where}: attribute", method.CustomAttributes);
        foreach (var overridden in method.Overrides) AddMethodReference(add, $"{where}: overrides", overridden);
        if (!method.HasBody) return;

        foreach (var variable in method.Body.Variables) add($"{where}: local variable", variable.VariableType);
        foreach (var handler in method.Body.ExceptionHandlers) add($"{where}: catch", handler.CatchType);
        foreach (var instruction in method.Body.Instructions)
        {
            var at = $"{where}: body ({instruction.OpCode.Name})";
            switch (instruction.Operand)
            {
                case TypeReference type: add(at, type); break;
                case MethodReference called: AddMethodReference(add, at, called); break;
                case FieldReference field:
                    add(at, field.DeclaringType);
                    add(at, field.FieldType);
                    break;
                case CallSite site:
                    add(at, site.ReturnType);
                    foreach (var parameter in site.Parameters) add(at, parameter.ParameterType);
                    break;
            }
        }
    }

    private static void AddMethodReference(Action<string, TypeReference?> add, string where, MethodReference method)
    {
        add(where, method.DeclaringType);
        add(where, method.ReturnType);
        foreach (var parameter in method.Parameters) add(where, parameter.ParameterType);
        if (method is GenericInstanceMethod generic)
            foreach (var argument in generic.GenericArguments) add(where, argument);
    }

    private static void AddGenericParameters(Action<string, TypeReference?> add, string where, IEnumerable<GenericParameter> parameters)
    {
        foreach (var parameter in parameters)
        {
            foreach (var constraint in parameter.Constraints)
                add($"{where}: constraint on {parameter.Name}", constraint.ConstraintType);
        }
    }

    private static void AddAttributes(Action<string, TypeReference?> add, string where, IEnumerable<CustomAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            add(where, attribute.AttributeType);
            var arguments = attribute.ConstructorArguments
                .Concat(attribute.Fields.Select(f => f.Argument))
                .Concat(attribute.Properties.Select(p => p.Argument));
            foreach (var argument in arguments) AddArgument(add, where, argument);
        }
    }

    private static void AddArgument(Action<string, TypeReference?> add, string where, CustomAttributeArgument argument)
    {
        add(where, argument.Type);
        switch (argument.Value)
        {
            case TypeReference type: add(where, type); break; // typeof(X)
            case CustomAttributeArgument boxed: AddArgument(add, where, boxed); break;
            case CustomAttributeArgument[] array:
                foreach (var element in array) AddArgument(add, where, element);
                break;
        }
    }

    /// <summary>The named types inside a type expression: generic instances, arrays, pointers and modifiers taken apart; generic parameters dropped.</summary>
    private static IEnumerable<TypeReference> Leaves(TypeReference? type)
    {
        switch (type)
        {
            case null or GenericParameter:
                yield break;
            case GenericInstanceType generic:
                foreach (var leaf in Leaves(generic.ElementType)) yield return leaf;
                foreach (var leaf in generic.GenericArguments.SelectMany(Leaves)) yield return leaf;
                break;
            case RequiredModifierType required:
                foreach (var leaf in Leaves(required.ModifierType).Concat(Leaves(required.ElementType))) yield return leaf;
                break;
            case OptionalModifierType optional:
                foreach (var leaf in Leaves(optional.ModifierType).Concat(Leaves(optional.ElementType))) yield return leaf;
                break;
            case FunctionPointerType pointer:
                foreach (var leaf in Leaves(pointer.ReturnType)) yield return leaf;
                foreach (var leaf in pointer.Parameters.SelectMany(p => Leaves(p.ParameterType))) yield return leaf;
                break;
            case TypeSpecification specification: // arrays, by-ref, pointers, pinned
                foreach (var leaf in Leaves(specification.ElementType)) yield return leaf;
                break;
            default:
                yield return type;
                break;
        }
    }
}
