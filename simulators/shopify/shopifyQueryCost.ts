// Shopify's calculated query cost, as Shopify documents it: a scalar or enum costs 0, an object 1, an interface or union
// the most expensive of its possible selections (at least 1), a connection 2 plus `first` (or `last`) times what one of
// its items costs, a mutation 10. The requested cost is worked out from the query before it runs; the actual cost from
// what it returned (fewer items, null objects). Connections must say first or last, and at most 250.
import {
  getArgumentValues,
  getNamedType,
  GraphQLError,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableValues,
} from 'graphql';

export const MAX_PAGE_SIZE = 250;
const MUTATION_COST = 10;

interface CostContext {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: VariableValues | undefined;
  errors: GraphQLError[];
}

export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: VariableValues | undefined;
}

/** The requested cost, or the errors Shopify answers for a connection without a valid first/last. */
export function requestedCost(input: CostInput): { cost: number; errors: GraphQLError[] } {
  const context: CostContext = { ...input, errors: [] };
  const root = rootType(input.schema, input.operation);
  if (input.operation.operation === 'mutation') {
    const fields = fieldsOf(input.operation.selectionSet, root, context).length;
    return { cost: fields * MUTATION_COST, errors: [] };
  }
  return { cost: selectionCost(input.operation.selectionSet, root, context), errors: context.errors };
}

/** What the answer actually cost: only the objects and connection items it holds. */
export function actualCost(input: CostInput, data: unknown): number {
  const root = rootType(input.schema, input.operation);
  const context: CostContext = { ...input, errors: [] };
  if (input.operation.operation === 'mutation') return fieldsOf(input.operation.selectionSet, root, context).length * MUTATION_COST;
  return returnedCost(input.operation.selectionSet, root, asRecord(data), context);
}

function rootType(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLCompositeType {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) throw new Error(`the schema has no ${operation.operation} type`);
  return root;
}

interface SelectedField {
  node: FieldNode;
  definition: GraphQLField<unknown, unknown>;
  /** The possible type this field was selected on, when it came through a fragment narrowing an abstract parent. */
  narrowedTo?: string;
}

/** The fields selected on a type, through inline fragments and fragment spreads. */
function fieldsOf(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, context: CostContext, narrowedTo?: string): SelectedField[] {
  const fields: SelectedField[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
      if (definition) fields.push({ node: selection, definition, narrowedTo });
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : context.fragments[selection.name.value];
    if (!fragment) continue;
    const typeName = fragment.typeCondition?.name.value;
    const type = typeName ? (context.schema.getType(typeName) as GraphQLCompositeType | undefined) : parent;
    if (!type) continue;
    const narrowing = typeName !== undefined && typeName !== parent.name ? typeName : narrowedTo;
    fields.push(...fieldsOf(fragment.selectionSet, type, context, narrowing));
  }
  return fields;
}

/** Fields on the parent itself add up; fragments narrowing an abstract parent to one type count only the dearest type. */
function combine(fields: SelectedField[], costOf: (field: SelectedField) => number): number {
  let common = 0;
  const byType = new Map<string, number>();
  for (const field of fields) {
    const cost = costOf(field);
    if (field.narrowedTo === undefined) common += cost;
    else byType.set(field.narrowedTo, (byType.get(field.narrowedTo) ?? 0) + cost);
  }
  return common + Math.max(0, ...byType.values());
}

function selectionCost(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, context: CostContext): number {
  return combine(fieldsOf(selectionSet, parent, context), (field) => fieldCost(field, context));
}

function fieldCost({ node, definition }: SelectedField, context: CostContext): number {
  const type = getNamedType(definition.type);
  if (isLeafType(type) || !node.selectionSet) return 0;
  if (isConnection(definition, type)) {
    const size = pageSize(definition, node, context);
    return 2 + size * itemCost(node.selectionSet, type as GraphQLCompositeType, context, (set, item) => 1 + selectionCost(set, item, context));
  }
  const children = selectionCost(node.selectionSet, type as GraphQLCompositeType, context);
  return isAbstractType(type) ? Math.max(1, children) : 1 + children;
}

function returnedCost(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, data: Record<string, unknown> | undefined, context: CostContext): number {
  if (!data) return 0;
  const typename = typeof data.__typename === 'string' ? data.__typename : undefined;
  const fields = fieldsOf(selectionSet, parent, context).filter((field) => !field.narrowedTo || !typename || field.narrowedTo === typename);
  return combine(fields, (field) => returnedFieldCost(field, data[field.node.alias?.value ?? field.node.name.value], context));
}

function returnedFieldCost({ node, definition }: SelectedField, value: unknown, context: CostContext): number {
  const type = getNamedType(definition.type);
  if (isLeafType(type) || !node.selectionSet || value === null || value === undefined) return 0;
  const composite = type as GraphQLCompositeType;
  if (isConnection(definition, type)) {
    const connection = asRecord(value);
    return 2 + itemCost(node.selectionSet, composite, context, (set, item, path) => sumOver(itemsAt(connection, path), (entry) => 1 + returnedCost(set, item, asRecord(entry), context)));
  }
  if (Array.isArray(value)) {
    // A plain list of objects (not a connection) is charged like one object: the dearest of its elements.
    return value.length === 0 ? 0 : 1 + Math.max(...value.map((entry) => returnedCost(node.selectionSet!, composite, asRecord(entry), context)));
  }
  const children = returnedCost(node.selectionSet, composite, asRecord(value), context);
  return isAbstractType(type) ? Math.max(1, children) : 1 + children;
}

/**
 * What one item of a connection costs: its `edges { node }` and its `nodes`, each an object of the connection's node
 * type; pageInfo and cursors are in the connection's own 2. `cost` gets the item selection, its type and where it is.
 */
function itemCost(
  selectionSet: SelectionSetNode,
  connectionType: GraphQLCompositeType,
  context: CostContext,
  cost: (selection: SelectionSetNode, itemType: GraphQLCompositeType, path: 'edges' | 'nodes') => number,
): number {
  let total = 0;
  for (const field of fieldsOf(selectionSet, connectionType, context)) {
    const name = field.node.name.value;
    if (name === 'nodes' && field.node.selectionSet) total += cost(field.node.selectionSet, getNamedType(field.definition.type) as GraphQLCompositeType, 'nodes');
    if (name !== 'edges' || !field.node.selectionSet) continue;
    const edgeType = getNamedType(field.definition.type) as GraphQLCompositeType;
    for (const edgeField of fieldsOf(field.node.selectionSet, edgeType, context)) {
      if (edgeField.node.name.value === 'node' && edgeField.node.selectionSet) {
        total += cost(edgeField.node.selectionSet, getNamedType(edgeField.definition.type) as GraphQLCompositeType, 'edges');
      }
    }
  }
  return total;
}

/** A connection's items as returned, under `nodes` or under `edges[].node`. */
function itemsAt(connection: Record<string, unknown> | undefined, path: 'edges' | 'nodes'): unknown[] {
  const list = connection?.[path];
  if (!Array.isArray(list)) return [];
  return path === 'nodes' ? list : list.map((edge) => asRecord(edge)?.node);
}

function isConnection(definition: GraphQLField<unknown, unknown>, type: GraphQLNamedType): boolean {
  return type.name.endsWith('Connection') && definition.args.some((arg) => arg.name === 'first');
}

function pageSize(definition: GraphQLField<unknown, unknown>, node: FieldNode, context: CostContext): number {
  const args = getArgumentValues(definition, node, context.variables);
  const size = (args.first ?? args.last) as number | null | undefined;
  if (size === undefined || size === null) {
    context.errors.push(new GraphQLError('you must provide one of first or last', { nodes: node, extensions: { code: 'BAD_REQUEST' } }));
    return 0;
  }
  if (size > MAX_PAGE_SIZE || size < 0) {
    context.errors.push(new GraphQLError(`The maximum number of items you can request with first or last is ${MAX_PAGE_SIZE}.`, { nodes: node, extensions: { code: 'BAD_REQUEST' } }));
  }
  return Math.max(0, size);
}

function sumOver(items: unknown[], cost: (item: unknown) => number): number {
  return items.reduce<number>((sum, item) => sum + cost(item), 0);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
