/** Who a signed-in person is to the app: the three roles of the product. */
export type Role = 'brand' | 'influencer' | 'ops';
