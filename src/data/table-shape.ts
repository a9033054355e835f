import { InputError, type Where } from '../errors.js';

/** What the shape check needs: names, the weight of every (group, label) pair, and where the roles come from. */
export interface GroupLabelShape {
  readonly groupNames: readonly string[];
  readonly classNames: readonly string[];
  /** Weight of (group s, class y) at s * nClasses + y. */
  readonly pairWeight: Float64Array;
  readonly isWeighted: boolean;
  readonly groupColumns: readonly string[];
  readonly labelColumn: string;
  /** The file (or other place) the data came from. */
  readonly where: Where;
}

/**
 * The shape every frontier needs, checked with the place named: at least 2 groups and 2 classes, every group
 * present, every (group, label) pair present (equalized odds conditions on each). One definition for rows,
 * counts tables and the DuckDB engine, so that all three refuse the same input in the same words.
 * @throws InputError E_TOO_FEW_GROUPS, E_TOO_FEW_CLASSES, E_EMPTY_GROUP, E_EMPTY_GROUP_LABEL
 */
export function checkGroupLabelShape(shape: GroupLabelShape): void {
  const { groupNames, classNames, pairWeight, where } = shape;
  const groupPlace = { ...where, column: shape.groupColumns.join(',') };
  const labelPlace = { ...where, column: shape.labelColumn };
  if (groupNames.length < 2)
    throw new InputError(
      'E_TOO_FEW_GROUPS',
      `need at least 2 groups, found ${groupNames.length} (${groupNames.join(', ')})`,
      groupPlace,
    );
  if (classNames.length < 2)
    throw new InputError(
      'E_TOO_FEW_CLASSES',
      `label needs at least 2 classes, found ${classNames.length} (${classNames.join(', ')})`,
      labelPlace,
    );
  const nClasses = classNames.length;
  groupNames.forEach((g, s) => {
    let total = 0;
    for (let y = 0; y < nClasses; y++) total += pairWeight[s * nClasses + y];
    if (!(total > 0))
      throw new InputError(
        'E_EMPTY_GROUP',
        `group "${g}" has no rows${shape.isWeighted ? ' (or only zero weights)' : ''}`,
        groupPlace,
      );
  });
  groupNames.forEach((g, s) => {
    for (let y = 0; y < nClasses; y++)
      if (!(pairWeight[s * nClasses + y] > 0))
        throw new InputError(
          'E_EMPTY_GROUP_LABEL',
          `group "${g}" has no rows with label "${classNames[y]}"; equalized odds conditions on every (group, label) pair`,
          labelPlace,
        );
  });
}
