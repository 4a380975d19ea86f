import { builder } from "../builder.ts";
import { EntityTypeEnum } from "./enums.ts";

builder.prismaNode("Entity", {
  id: { field: "id" },
  description: "A person, organisation, place or group that speaks, is counted, or is a place.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The canonical name." }),
    type: t.expose("type", { type: EntityTypeEnum, description: "Person, organisation, place or group." }),
    role: t.exposeString("role", { nullable: true, description: "A title or function, as written." }),
    aliases: t.relation("aliases", {
      description: "Spelling variants, title forms and abbreviations of the name.",
      query: { orderBy: { name: "asc" } },
    }),
    affiliation: t.relation("affiliation", {
      nullable: true,
      description: "The country or side this entity speaks for.",
    }),
  }),
});

builder.prismaObject("EntityAlias", {
  description: "Another name by which an entity is known.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The alias as written." }),
  }),
});
