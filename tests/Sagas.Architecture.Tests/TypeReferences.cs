using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Sagas.Architecture.Tests;

/// <summary>
/// Every type a type definition names, with where it names it: its base type, interfaces,
/// generic constraints and attributes, its members' types and signatures, and the types,
/// methods and fields its method bodies use. Generic arguments, arrays and the like are opened
/// down to the types they are made of.
/// </summary>
internal static class TypeReferences
{
    public static IEnumerable<(TypeReference Target, string Via)> Of(TypeDefinition type)
    {
        foreach (var target in Named(type.BaseType))
        {
            yield return (target, "base type");
        }

        foreach (var target in type.Interfaces.SelectMany(i => Named(i.InterfaceType)))
        {
            yield return (target, "interface");
        }

        foreach (var target in Attributes(type).Concat(Constraints(type)))
        {
            yield return (target, "type's attribute or constraint");
        }

        foreach (var field in type.Fields)
        {
            foreach (var target in Named(field.FieldType).Concat(Attributes(field)))
            {
                yield return (target, $"field {field.Name}");
            }
        }

        foreach (var property in type.Properties)
        {
            foreach (var target in Named(property.PropertyType).Concat(Attributes(property)))
            {
                yield return (target, $"property {property.Name}");
            }
        }

        foreach (var @event in type.Events)
        {
            foreach (var target in Named(@event.EventType).Concat(Attributes(@event)))
            {
                yield return (target, $"event {@event.Name}");
            }
        }

        foreach (var method in type.Methods)
        {
            foreach (var target in Signature(method))
            {
                yield return (target, $"signature of {method.Name}");
            }

            if (method.HasBody)
            {
                foreach (var target in Body(method.Body))
                {
                    yield return (target, $"body of {method.Name}");
                }
            }
        }
    }

    private static IEnumerable<TypeReference> Signature(MethodDefinition method) =>
        Named(method.ReturnType)
            .Concat(method.Parameters.SelectMany(p => Named(p.ParameterType).Concat(Attributes(p))))
            .Concat(Attributes(method))
            .Concat(Attributes(method.MethodReturnType))
            .Concat(Constraints(method))
            .Concat(method.Overrides.SelectMany(Used));

    private static IEnumerable<TypeReference> Body(MethodBody body) =>
        body.Variables.SelectMany(v => Named(v.VariableType))
            .Concat(body.ExceptionHandlers.SelectMany(h => Named(h.CatchType)))
            .Concat(body.Instructions.SelectMany(i => i.Operand switch
            {
                TypeReference type => Named(type),
                MethodReference method => Used(method),
                FieldReference field => Named(field.DeclaringType).Concat(Named(field.FieldType)),
                _ => [],
            }));

    private static IEnumerable<TypeReference> Used(MethodReference method)
    {
        var named = Named(method.DeclaringType)
            .Concat(Named(method.ReturnType))
            .Concat(method.Parameters.SelectMany(p => Named(p.ParameterType)));
        return method is GenericInstanceMethod generic ? named.Concat(generic.GenericArguments.SelectMany(Named)) : named;
    }

    private static IEnumerable<TypeReference> Constraints(IGenericParameterProvider provider) =>
        provider.GenericParameters.SelectMany(p => p.Constraints.SelectMany(c => Named(c.ConstraintType).Concat(Attributes(c))));

    private static IEnumerable<TypeReference> Attributes(ICustomAttributeProvider provider) =>
        provider.CustomAttributes.SelectMany(a =>
            Named(a.AttributeType)
                .Concat(a.ConstructorArguments.SelectMany(Argument))
                .Concat(a.Fields.Concat(a.Properties).SelectMany(named => Argument(named.Argument))));

    private static IEnumerable<TypeReference> Argument(CustomAttributeArgument argument)
    {
        var named = Named(argument.Type);
        return argument.Value switch
        {
            TypeReference type => named.Concat(Named(type)),
            CustomAttributeArgument inner => named.Concat(Argument(inner)),
            CustomAttributeArgument[] items => named.Concat(items.SelectMany(Argument)),
            _ => named,
        };
    }

    /// <summary>The plain types that <paramref name="type"/> is made of (itself, when it is one).</summary>
    private static IEnumerable<TypeReference> Named(TypeReference? type) => type switch
    {
        null or GenericParameter => [],
        GenericInstanceType generic => Named(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Named)),
        FunctionPointerType pointer => Named(pointer.ReturnType).Concat(pointer.Parameters.SelectMany(p => Named(p.ParameterType))),
        IModifierType modified => Named(modified.ModifierType).Concat(Named(modified.ElementType)),
        TypeSpecification specification => Named(specification.ElementType),
        _ => [type],
    };
}
