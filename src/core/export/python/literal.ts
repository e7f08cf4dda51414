// Python literals live in core/codegen/python (kinds' code snippets use them too, and kinds never
// import the exporters). This path is kept so exporters written against it keep building.
export * from '../../codegen/python/literal'
