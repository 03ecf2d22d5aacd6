import { Type, type Static } from 'typebox';
